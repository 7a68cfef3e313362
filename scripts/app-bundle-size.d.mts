/** Types of `app-bundle-size.mjs` for the benchmark that imports it. */
export interface AppBundleSize {
  readonly name: string;
  /** gzip bytes of the entry chunk and the chunks it imports statically. */
  readonly firstLoad: number;
  /** gzip bytes of the chunks loaded on demand. */
  readonly later: number;
  readonly lazy: readonly { readonly name: string; readonly bytes: number }[];
}

export function appBundleSizes(): Promise<AppBundleSize[]>;
