// The report says which machine and disk it was taken on, with the disk's durable write rate.
import fs from 'node:fs';
import os from 'node:os';
import { expect, it } from 'vitest';
import { describeMachine, formatMachine, type MachineInfo } from './machine.js';

it('describes the CPU and the disk under the data directory, with a measured fsync rate', () => {
  const machine = describeMachine({ postgresDataDirectory: '/no/such/directory' });
  expect(machine.cpus).toBe(os.cpus().length);
  expect(machine.disk.dataDir).toBe(fs.realpathSync(os.tmpdir()));
  expect(machine.disk.fsyncsPerSecond).toBeGreaterThan(0);
  // A directory it cannot look at is left out, not guessed.
  expect(machine.postgres).toBeNull();
});

it('prints the CPU on one line and the disks on the next', () => {
  const device = {
    device: 'vda',
    model: 'virtio_blk',
    filesystem: 'ext4',
    rotational: true,
    writeCache: 'write back',
  };
  const machine: MachineInfo = {
    cpus: 2,
    cpuModel: 'AMD EPYC',
    memoryGiB: 24,
    node: 'v20.20.2',
    platform: 'Linux 6',
    disk: { ...device, dataDir: '/tmp', fsyncsPerSecond: 990 },
    postgres: { ...device, dataDirectory: '/var/lib/postgresql/15/main' },
  };
  expect(formatMachine(machine).split('\n')).toEqual([
    '2 × AMD EPYC, 24 GiB, Node v20.20.2',
    "disk under /tmp: vda (virtio_blk), ext4, rotational (as the kernel says), write back cache; 990 fsyncs/s; PostgreSQL's data (/var/lib/postgresql/15/main): vda (virtio_blk), ext4, rotational (as the kernel says), write back cache",
  ]);
});
