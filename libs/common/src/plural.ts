/** A count with its noun: "1 trust", "3 trusts"; `many` is given whole, for "1 person", "2 people". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
