// What machine a run was taken on: CPU, memory, and the disk under the data directory with how
// many durable writes per second it takes, since every figure of a durable chat server moves
// with the disk's fsync time as much as with the CPU.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A block device as the kernel describes it; null fields could not be read. */
export interface Device {
  /** The block device (e.g. "vda"), null when it cannot be told (an overlay, a container). */
  device: string | null;
  /** The device's model, or its driver when it has none (virtio_blk, nvme). */
  model: string | null;
  filesystem: string | null;
  /** The kernel's rotational flag (virtual disks often report 1 whatever backs them). */
  rotational: boolean | null;
  /** "write back" or "write through". */
  writeCache: string | null;
}

export interface DiskInfo extends Device {
  /** The directory the benchmark's SQLite databases are written to. */
  dataDir: string;
  /** 4 KiB writes each followed by fdatasync (what a commit waits for), per second, over 1 s. */
  fsyncsPerSecond: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  disk: DiskInfo;
  /** The disk under PostgreSQL's data directory, when the server is local and says where. */
  postgres: (Device & { dataDirectory: string }) | null;
}

export function describeMachine(
  options: { dataDir?: string; postgresDataDirectory?: string | null } = {},
): MachineInfo {
  const dataDir = fs.realpathSync(options.dataDir ?? os.tmpdir());
  const postgres = options.postgresDataDirectory
    ? describeDevice(options.postgresDataDirectory)
    : null;
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    disk: { dataDir, ...describeDevice(dataDir)!, fsyncsPerSecond: fsyncRate(dataDir) },
    postgres: postgres && { dataDirectory: options.postgresDataDirectory!, ...postgres },
  };
}

/** Two lines for the end of the printed report. */
export function formatMachine(machine: MachineInfo): string {
  const describe = (d: Device) =>
    [
      [d.device ?? 'unknown device', d.model && `(${d.model})`].filter(Boolean).join(' '),
      d.filesystem,
      d.rotational !== null && (d.rotational ? 'rotational (as the kernel says)' : 'solid-state'),
      d.writeCache && `${d.writeCache} cache`,
    ]
      .filter(Boolean)
      .join(', ');
  const { disk, postgres } = machine;
  return [
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
    `disk under ${disk.dataDir}: ${describe(disk)}; ${disk.fsyncsPerSecond} fsyncs/s` +
      (postgres ? `; PostgreSQL's data (${postgres.dataDirectory}): ${describe(postgres)}` : ''),
  ].join('\n');
}

const readTrimmed = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
};

/** The device under `dir`; null when `dir` cannot be looked at (another user's, gone). */
function describeDevice(dir: string): Device | null {
  let real: string;
  let dev: number;
  try {
    real = fs.realpathSync(dir);
    dev = fs.statSync(real).dev;
  } catch {
    return null;
  }
  const block = blockDevice(dev);
  const queue = (name: string) => (block ? readTrimmed(path.join(block, 'queue', name)) : null);
  const rotational = queue('rotational');
  return {
    device: block ? path.basename(block) : null,
    model: block ? deviceModel(block) : null,
    filesystem: filesystemOf(real),
    rotational: rotational === null ? null : rotational === '1',
    writeCache: queue('write_cache'),
  };
}

/** The /sys/block directory of the disk holding device number `dev` (a partition's parent). */
function blockDevice(dev: number): string | null {
  // glibc's encoding of a device number (gnu_dev_major / gnu_dev_minor), in arithmetic that
  // survives numbers above 2^32.
  const major = (Math.floor(dev / 2 ** 8) & 0xfff) | (Math.floor(dev / 2 ** 32) & ~0xfff);
  const minor = (dev & 0xff) | (Math.floor(dev / 2 ** 12) & ~0xff);
  try {
    const device = fs.realpathSync(`/sys/dev/block/${major}:${minor}`);
    return fs.existsSync(path.join(device, 'partition')) ? path.dirname(device) : device;
  } catch {
    return null;
  }
}

function deviceModel(block: string): string | null {
  const model = readTrimmed(path.join(block, 'device', 'model'));
  if (model) return model;
  try {
    // A virtio or NVMe disk without a model file: its driver says what kind it is.
    return path.basename(fs.realpathSync(path.join(block, 'device', 'driver')));
  } catch {
    return null;
  }
}

/** The filesystem type of the longest mount point containing `dir`. */
function filesystemOf(dir: string): string | null {
  const mounts = readTrimmed('/proc/mounts');
  if (!mounts) return null;
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const inside = dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length > best.point.length)) best = { point, type };
  }
  return best?.type ?? null;
}

function fsyncRate(dir: string): number {
  const file = path.join(fs.mkdtempSync(path.join(dir, 'sb-bench-fsync-')), 'probe');
  const fd = fs.openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  let writes = 0;
  const started = performance.now();
  try {
    while (performance.now() - started < 1000) {
      fs.writeSync(fd, page, 0, page.length, 0);
      fs.fdatasyncSync(fd);
      writes += 1;
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return Math.round(writes / ((performance.now() - started) / 1000));
}
