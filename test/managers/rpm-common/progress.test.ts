import {describe, expect, it} from 'vitest';

import {parseNevra, rpmObservation} from '../../../src/managers/rpm-common/progress.js';

const LONG = 'progress-display-long-package-name-for-truncation-pp';
const items = [
  {name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8'},
  {name: 'foo', arch: 'x86_64', version: '1.2-3.el9_3'},
  {name: 'foo-devel', arch: 'x86_64', version: '1.2-3.el9_3'},
  {name: LONG, arch: 'noarch', version: '1.0-2.el9_3'},
];

describe('parseNevra', () => {
  it.each([
    ['epoch-pp-1:2.0-1.el8.noarch', {name: 'epoch-pp', version: '1:2.0-1.el8', arch: 'noarch'}],
    ['app-pp-1.0-1.amzn2.noarch', {name: 'app-pp', version: '1.0-1.amzn2', arch: 'noarch'}],
    ['kernel-4.14.1-1.amzn2.noarch', {name: 'kernel', version: '4.14.1-1.amzn2', arch: 'noarch'}],
    [`${LONG}-1.0-2.el9_3.noarch`, {name: LONG, version: '1.0-2.el9_3', arch: 'noarch'}],
  ])('%s', (text, expected) => {
    expect(parseNevra(text)).toEqual(expected);
  });

  it.each(['progress-display-long-package-name-for-truncation-', 'progress-display-long-package-name-for-t', 'foo-devel-1.1-1.el', 'foo-1.2-3.el9_3.x86', 'noversion', ''])('is null for the cut or bare text %j', (text) => {
    expect(parseNevra(text)).toBeNull();
  });
});

describe('rpmObservation', () => {
  it('matches a planned item by its full spelling or its file-name spelling (no epoch)', () => {
    expect(rpmObservation({phase: 'installed', nevra: 'epoch-pp-1:2.0-1.el8.noarch'}, items)).toEqual({name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8', phase: 'installed'});
    expect(rpmObservation({phase: 'downloading', nevra: 'epoch-pp-2.0-1.el8.noarch'}, items)).toEqual({name: 'epoch-pp', arch: 'noarch', version: '1:2.0-1.el8', phase: 'downloading'});
  });

  it('matches dnf’s cut names to the one planned item they begin, without claiming a version', () => {
    expect(rpmObservation({phase: 'installed', nevra: 'progress-display-long-package-name-for-truncation-'}, items)).toEqual({name: LONG, arch: 'noarch', phase: 'installed'});
    expect(rpmObservation({phase: 'downloading', nevra: 'progress-display-long-package-name-for-t'}, items)).toEqual({name: LONG, arch: 'noarch', phase: 'downloading'});
  });

  it('keeps the tool’s version for a replaced version (cleanup) and for a package outside the plan', () => {
    expect(rpmObservation({phase: 'cleanup', nevra: 'epoch-pp-1.5-1.el8.noarch'}, items)).toEqual({name: 'epoch-pp', version: '1.5-1.el8', arch: 'noarch', phase: 'cleanup'});
    expect(rpmObservation({phase: 'installed', nevra: 'newdep-pp-2.0-1.el9.noarch'}, items)).toEqual({name: 'newdep-pp', version: '2.0-1.el9', arch: 'noarch', phase: 'installed'});
  });

  it('takes the longest planned name a cut text begins with when several items fit', () => {
    // "foo-devel-1." begins only foo-devel's spelling.
    expect(rpmObservation({phase: 'installed', nevra: 'foo-devel-1.'}, items)).toEqual({name: 'foo-devel', arch: 'x86_64', phase: 'installed'});
    // "foo-" begins both spellings and no NEVRA: the longest name it starts with and "-" is foo.
    expect(rpmObservation({phase: 'cleanup', nevra: 'foo-'}, items)).toEqual({name: 'foo', phase: 'cleanup'});
    expect(rpmObservation({phase: 'cleanup', nevra: 'foo-devel-1.1-1.el'}, items)).toEqual({name: 'foo-devel', phase: 'cleanup'});
  });

  it('passes an unknown text through as a package outside the plan', () => {
    expect(rpmObservation({phase: 'installed', nevra: 'something-cut-'}, items)).toEqual({name: 'something-cut-', phase: 'installed'});
  });
});
