import {readReplayNode, replayJournals, replayNodeFiles, replayRunner} from '../system/replay.js';
import type {Runtime} from './runtime.js';

/**
 * The runtime of a recorded node (system/replay.ts): its commands answered from the recording,
 * its files, host name, user, architecture and platform from the scenario, its apply journal
 * under the scenario. Only the hidden, test-only `--replay DIR` flag builds it.
 */
export function replayRuntime(runtime: Runtime, dir: string): Runtime {
  const node = readReplayNode(dir);
  return {
    ...runtime,
    env: {...runtime.env, ...node.env},
    runner: replayRunner(dir),
    nodeFiles: replayNodeFiles(dir, runtime.nodeFiles),
    hostname: () => node.hostname,
    userId: () => node.userId,
    arch: node.arch,
    platform: node.platform,
    journals: replayJournals(dir, runtime.journals),
  };
}
