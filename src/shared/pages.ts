/** Every item of a paged list, asking for pages of 500 at offsets 0, 500, ... until `total` is reached. */
export async function listAll<T>(
  page: (offset: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const { items, total } = await page(offset);
    all.push(...items);
    if (items.length === 0 || all.length >= total) return all;
  }
}
