import type {InstallProgressEvent, PackagePhase, PlannedInstall} from '../core/install.js';

/**
 * Turns an installer's package lines into InstallProgressEvents (core/install.ts): counts planned
 * packages only, so `done` never exceeds `total`.
 */

/** One package line of an installer's output, as its parser reads it. */
export interface PackageObservation {
  readonly name: string;
  /** Only when the tool says it (apt's `(i386)`, an rpm NEVRA's `.noarch`). */
  readonly arch?: string | undefined;
  readonly version?: string | undefined;
  readonly phase: PackagePhase;
}

export interface InstallTracker {
  package(observation: PackageObservation): void;
  download(file: number, files: number, percent: number): void;
}

/**
 * Turns parsed lines into events with the N-of-M count. Pure apart from calling `report`; a
 * package counts once however often the installer says it finished (apt reports `Installed`
 * again after a trigger re-configures a package), and an event equal to the one before it is
 * not repeated (apt says Preparing, Unpacking and Installing for one unpack, and repeats its
 * download lines).
 */
export function createInstallTracker(items: readonly PlannedInstall[], report: (event: InstallProgressEvent) => void): InstallTracker {
  const finished = new Set<number>();
  const total = items.length;
  let last = '';
  const emit = (event: InstallProgressEvent): void => {
    const key = JSON.stringify(event);
    if (key === last) return;
    last = key;
    report(event);
  };
  return {
    package(observation) {
      const index = plannedIndex(items, observation);
      if (index !== null && observation.phase === 'installed') finished.add(index);
      const item = index === null ? undefined : items[index];
      emit({
        kind: 'package',
        done: finished.size,
        total,
        name: item?.name ?? observation.name,
        arch: item?.arch ?? observation.arch,
        version: observation.version ?? (BACKWARD.has(observation.phase) ? undefined : item?.version),
        phase: observation.phase,
        planned: item !== undefined,
      });
    },
    download(file, files, percent) {
      emit({kind: 'download', file, files, percent, done: finished.size, total});
    },
  };
}

/** Phases that may be about the replaced version: a line that names no version gets none. */
const BACKWARD: ReadonlySet<PackagePhase> = new Set(['cleanup', 'verifying']);

/** Architectures that mean "whatever the node's own is" in a plan. */
const ANY_ARCH = new Set(['', 'all', 'noarch']);

/**
 * The planned item a line is about: the only item of that name, or, when the plan has the name
 * under several architectures (`libfoo-pp:amd64` and `:i386`), the one of the architecture the
 * tool names. A name the plan does not have, or an ambiguous line, is not planned.
 */
export function plannedIndex(items: readonly PlannedInstall[], observation: Pick<PackageObservation, 'name' | 'arch'>): number | null {
  const sameName = items.flatMap((item, index) => (item.name === observation.name ? [index] : []));
  if (sameName.length <= 1) return sameName[0] ?? null;
  const arch = observation.arch;
  if (arch === undefined) return null;
  const exact = sameName.filter((index) => items[index]?.arch === arch);
  if (exact.length === 1) return exact[0] ?? null;
  const anyArch = sameName.filter((index) => ANY_ARCH.has(items[index]?.arch ?? ''));
  return anyArch.length === 1 ? (anyArch[0] ?? null) : null;
}
