// dnf keeps its history in WAL mode, and sql.js can only open a single database image:
// it cannot see the `-wal` file beside it. This folds the committed frames of a WAL
// into the image the way SQLite's own recovery does, following the file format
// (https://www.sqlite.org/fileformat2.html#walformat): a frame counts only when its
// salts match the header and its running checksum is right, and only up to the last
// commit frame, so a torn or half-written tail is left out as SQLite would.

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const WAL_MAGIC_LITTLE_ENDIAN = 0x377f0682;
const WAL_MAGIC_BIG_ENDIAN = 0x377f0683;
const DB_HEADER_BYTES = 100;

interface Checksum {
  s0: number;
  s1: number;
}

function walChecksum(
  bytes: Uint8Array,
  start: number,
  end: number,
  bigEndian: boolean,
  seed: Checksum,
): Checksum {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let { s0, s1 } = seed;
  for (let i = start; i < end; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return { s0, s1 };
}

/**
 * The database image with the WAL's committed transactions applied, or the image as
 * it is when the WAL holds none (empty, another database's, or not a WAL at all).
 * Never modifies its arguments.
 */
export function applyWal(database: Uint8Array, wal: Uint8Array): Uint8Array {
  if (wal.byteLength < WAL_HEADER_BYTES) return database;
  const header = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = header.getUint32(0);
  if (magic !== WAL_MAGIC_LITTLE_ENDIAN && magic !== WAL_MAGIC_BIG_ENDIAN) return database;
  const bigEndian = magic === WAL_MAGIC_BIG_ENDIAN;
  const pageSize = header.getUint32(8);
  // A page size is a power of two from 512 to 65536; anything else is not a WAL we can trust.
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return database;
  const salt1 = header.getUint32(16);
  const salt2 = header.getUint32(20);
  let checksum = walChecksum(wal, 0, 24, bigEndian, { s0: 0, s1: 0 });
  if (checksum.s0 !== header.getUint32(24) || checksum.s1 !== header.getUint32(28)) {
    return database;
  }

  const committed = new Map<number, number>(); // page number -> offset of its newest page data
  const pending = new Map<number, number>();
  let committedPages = 0;
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  for (let frame = WAL_HEADER_BYTES; frame + frameBytes <= wal.byteLength; frame += frameBytes) {
    const pageNumber = header.getUint32(frame);
    const pagesAfterCommit = header.getUint32(frame + 4);
    if (header.getUint32(frame + 8) !== salt1 || header.getUint32(frame + 12) !== salt2) break;
    checksum = walChecksum(wal, frame, frame + 8, bigEndian, checksum);
    checksum = walChecksum(
      wal,
      frame + FRAME_HEADER_BYTES,
      frame + frameBytes,
      bigEndian,
      checksum,
    );
    if (
      checksum.s0 !== header.getUint32(frame + 16) ||
      checksum.s1 !== header.getUint32(frame + 20)
    ) {
      break;
    }
    if (pageNumber === 0) break;
    pending.set(pageNumber, frame + FRAME_HEADER_BYTES);
    if (pagesAfterCommit !== 0) {
      for (const [page, offset] of pending) committed.set(page, offset);
      pending.clear();
      committedPages = pagesAfterCommit;
    }
  }
  if (committed.size === 0) return database;

  const merged = new Uint8Array(committedPages * pageSize);
  merged.set(database.subarray(0, Math.min(database.byteLength, merged.byteLength)));
  for (const [page, offset] of committed) {
    if (page > committedPages) continue; // the database was truncated after this page was written
    merged.set(wal.subarray(offset, offset + pageSize), (page - 1) * pageSize);
  }
  return merged;
}

/**
 * Marks an image, in place, as a rollback-journal database (file format versions 1)
 * so that SQLite opens it as it is rather than looking for a WAL and a shared-memory
 * index beside it. The content is untouched.
 */
export function markRollbackJournal(image: Uint8Array): void {
  if (image.byteLength >= DB_HEADER_BYTES && image[18] === 2 && image[19] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
}
