// rpm allows these in package names; a name must start with a letter or digit.
export const RPM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;
// rpm forbids `-` in version and release, which is what makes the split unambiguous.
const VERSION_PART_PATTERN = /^[A-Za-z0-9._+~^]+$/;
const MAX_NAME_LENGTH = 200;
const MAX_PART_LENGTH = 128;

export interface PackageNvr {
  name: string;
  version: string;
  release: string;
}

export interface VersionRelease {
  version: string;
  release: string;
}

export function isRpmName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && RPM_NAME_PATTERN.test(name);
}

const isVersionPart = (part: string): boolean =>
  part.length <= MAX_PART_LENGTH && VERSION_PART_PATTERN.test(part);

/** `4.16.1.3-29.el9`: what a host reports per package (`rpm -q --qf '%{VERSION}-%{RELEASE}'`). */
export function parseVersionRelease(s: string): VersionRelease | null {
  const dash = s.lastIndexOf('-');
  if (dash < 0) return null;
  const version = s.slice(0, dash);
  const release = s.slice(dash + 1);
  return isVersionPart(version) && isVersionPart(release) ? { version, release } : null;
}

/** `python3-dnf-plugin-cow-0.1-2.hs.el9`: the name keeps its own hyphens; version and release are the last two parts. */
export function parsePackageNvr(s: string): PackageNvr | null {
  const releaseDash = s.lastIndexOf('-');
  if (releaseDash < 0) return null;
  const versionDash = s.lastIndexOf('-', releaseDash - 1);
  if (versionDash < 0) return null;
  const name = s.slice(0, versionDash);
  const versionRelease = parseVersionRelease(s.slice(versionDash + 1));
  // rpm would allow a version without digits up front, but then a forgotten version
  // (`dnf-plugin-cow`) would read as name "dnf", version "plugin", release "cow".
  if (!versionRelease || !/^\d/.test(versionRelease.version) || !isRpmName(name)) return null;
  return { name, ...versionRelease };
}

export function formatPackageNvr(nvr: PackageNvr): string {
  return `${nvr.name}-${nvr.version}-${nvr.release}`;
}
