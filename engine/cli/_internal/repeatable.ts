/** A commander argument parser for an option given more than once: every value, in order. */
export const repeatable = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
