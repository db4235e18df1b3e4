import net from 'node:net';

/**
 * Address ranges a scanner must never fetch on a hostile page's say-so: a link or redirect to these would
 * turn the scanner into a proxy into the operator's own network (router admin pages, cloud metadata).
 */
const blockedV4: [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const blockList = new net.BlockList();
for (const [address, prefix] of blockedV4) blockList.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64]] as const) {
  blockList.addSubnet(address, prefix, 'ipv6');
}

/** Returns why an IP address is not public, or null when it is a public unicast address. */
export function classifyNonPublicIp(ip: string): string | null {
  const family = net.isIP(ip);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    // IPv4-mapped and -compatible forms (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
    const mapped = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return classifyNonPublicIp(mapped[1]!);
    const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (mappedHex) {
      const hi = parseInt(mappedHex[1]!, 16);
      const lo = parseInt(mappedHex[2]!, 16);
      return classifyNonPublicIp(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return blockList.check(ip, 'ipv6') ? 'private or reserved IPv6' : null;
  }
  for (const [address, prefix, label] of blockedV4) {
    const single = new net.BlockList();
    single.addSubnet(address, prefix, 'ipv4');
    if (single.check(ip, 'ipv4')) return label;
  }
  return null;
}
