/** A writable view of a readonly type, for objects a reducer batch owns and fills in place. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
