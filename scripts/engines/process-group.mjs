// Helper processes of the browser launchers (WebKitWebDriver, with the browsers it starts; Xvfb), each in a
// process group of its own, so that stopping one stops everything it started. Whatever is still running when
// this process exits is killed then, synchronously: the runner's own stop on exit is asynchronous and never
// finishes there (a run whose output pipe closed left drivers, browsers and displays running).
import { spawn } from 'node:child_process';

const groups = new Set();
process.once('exit', () => {
  for (const pid of groups) stopGroup(pid, 'SIGKILL');
});

/** `spawn`, the child leading a new process group. */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  return child;
}

/** Stops the group `pid` leads: the child and everything it started that is still in its group. */
export function stopGroup(pid, signal = 'SIGTERM') {
  groups.delete(pid);
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
