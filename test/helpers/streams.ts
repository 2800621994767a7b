import {memoryStreams} from '../../src/cli/streams.js';
import {stripStyle} from '../../src/views/style.js';

/** Captured streams for view tests; `plain()` is stdout without colour codes. */
export function captureStreams(options: {color?: boolean; columns?: number; width?: number} = {}) {
  const streams = memoryStreams(options);
  return Object.assign(streams, {plain: () => stripStyle(streams.out())});
}
