// Email addresses in page text: a plausibility check and a linear finder. Shared by the
// contact discovery and the reader of addresses written on contact and imprint pages.

const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/i;
const EMAIL_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isPlausibleEmail(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return EMAIL_LOCAL.test(local) && labels.length >= 2 && labels.every((l) => EMAIL_LABEL.test(l)) && /^[a-z]{2,24}$/i.test(labels.at(-1) ?? '');
}

/** Addresses written in the text (not as links), found by growing outwards from each "@". */
export function findEmailsInText(text: string, max = 50): string[] {
  const found = new Set<string>();
  const isLocal = (c: string) => /[a-z0-9._%+-]/i.test(c);
  const isDomain = (c: string) => /[a-z0-9.-]/i.test(c);
  let at = text.indexOf('@');
  while (at >= 0 && found.size < max) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocal(text[s - 1] ?? '')) s--;
    let e = at + 1;
    while (e < text.length && e - at < 254 && isDomain(text[e] ?? '')) e++;
    const candidate = text.slice(s, e).replace(/\.+$/, '').toLowerCase();
    if (isPlausibleEmail(candidate)) found.add(candidate);
    at = text.indexOf('@', at + 1);
  }
  return [...found];
}

