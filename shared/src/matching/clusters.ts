/** Union-find over record ids: the transitive closure of `match` decisions. */
export class Clusters {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    while (true) {
      const up = this.parent.get(root);
      if (up === undefined || up === root) break;
      root = up;
    }
    // Path compression keeps later finds flat.
    let node = id;
    while (node !== root) {
      const up = this.parent.get(node) as string;
      this.parent.set(node, root);
      node = up;
    }
    return root;
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }

  /** Groups of two or more ids that were joined. */
  groups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const id of this.parent.keys()) {
      const root = this.find(id);
      const group = byRoot.get(root);
      if (group) group.push(id);
      else byRoot.set(root, [id]);
    }
    for (const [root, group] of byRoot) if (!group.includes(root)) group.push(root);
    return [...byRoot.values()].filter((group) => group.length > 1);
  }
}
