/** A person-readable reason for a failed write: the errors an operator can act on get their own words. */
export function describeWriteFailure(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
    case 'SQLITE_READONLY':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return code ? `error ${code}` : 'unknown error';
  }
}
