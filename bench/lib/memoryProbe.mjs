// Loaded into a benchmark's server (`--import`, startServer's memoryProbe): posts the process's
// own memory figures to the benchmark over the IPC channel every 20 ms, so a scenario can read
// the heap beside the RSS it reads from /proc. Plain JavaScript: the server runs from dist/,
// without tsx. The channel must not keep the server alive, nor the timer.
if (process.send) {
  process.channel?.unref();
  setInterval(() => {
    if (process.connected) process.send(process.memoryUsage());
  }, 20).unref();
}
