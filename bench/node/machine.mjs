// The facts a reader needs to weigh the figures: what ran them, under how much other load.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

function git(root, args) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

export function machineFacts(root) {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    commit: git(root, ['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirty: git(root, ['status', '--porcelain', '--', 'src']) !== '',
    loadStart: loadavg()[0].toFixed(2),
  };
}

export const currentLoad = () => loadavg()[0].toFixed(2);
