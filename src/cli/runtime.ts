import {systemClock, type Clock} from '../system/clock.js';
import {nodeFileSystem, type FileSystem} from '../system/fs.js';
import {processStreams, type Streams} from './streams.js';

/**
 * Everything a service may use to touch the world, built once per command. Tests build
 * their own (memory streams, fixed clock) instead of mocking modules.
 */
export interface Runtime {
  readonly clock: Clock;
  readonly fs: FileSystem;
  readonly streams: Streams;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function createRuntime(options: {noColor: boolean}): Runtime {
  return {
    clock: systemClock,
    fs: nodeFileSystem,
    streams: processStreams({noColor: options.noColor, env: process.env}),
    env: process.env,
    cwd: process.cwd(),
  };
}
