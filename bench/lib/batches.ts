// Runs `work` over `items` `size` at a time: enough in parallel to be quick, few enough that
// a generator setting up thousands of sockets or requests does not swamp the server at once.
export async function inBatches<T>(
  items: T[],
  size: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
  }
}
