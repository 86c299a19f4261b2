// Stops a child process: SIGTERM, then SIGKILL after `graceMs`; resolves once it exited.
export async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
