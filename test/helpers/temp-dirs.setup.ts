/**
 * Every test file's folders from makeTempDir are removed after its last test: a whole run used to leave over a
 * hundred folders (databases, evidence, profiles) in the temporary directory. Registered first, so it runs after
 * the file's own afterAll hooks (vitest runs after-hooks in reverse order), once its servers and apps are closed.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.ts';

afterAll(() => removeTempDirs());
