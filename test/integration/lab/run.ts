import {execFile} from 'node:child_process';

export interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a tool for the integration tests: argv only, never a shell; a non-zero exit is a result,
 * a missing binary an error that says how to install the test tools.
 */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolve, reject) => {
    execFile(file, args, {env, maxBuffer: 256 * 1024 * 1024}, (error, stdout, stderr) => {
      if (error === null) return resolve({code: 0, stdout, stderr});
      if (typeof error.code === 'number') return resolve({code: error.code, stdout, stderr});
      reject(new Error(`cannot run ${file}: ${error.message} (install the test tools: scripts/install-test-deps.sh)`));
    });
  });
}
