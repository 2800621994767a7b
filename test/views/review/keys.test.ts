import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';

import {keyToAction, NO_KEY, splitKeys, type KeyView} from '../../../src/views/review/keys.js';
import type {Mode} from '../../../src/views/review/review-state.js';

const NONE = NO_KEY;
const press = (flags: Partial<Key>): Key => ({...NONE, ...flags});
const VIEW: KeyView = {page: 18, detailMax: 7};
const view = (): KeyView => VIEW;

const LIST: Mode = {kind: 'list'};
const DETAIL: Mode = {kind: 'detail', key: 'curl\u0000amd64', scroll: 0};

describe('keyToAction in the list', () => {
  it.each([
    ['↓', '', press({downArrow: true}), {type: 'move', by: 1}],
    ['j', 'j', NONE, {type: 'move', by: 1}],
    ['↑', '', press({upArrow: true}), {type: 'move', by: -1}],
    ['k', 'k', NONE, {type: 'move', by: -1}],
    ['PgDn', '', press({pageDown: true}), {type: 'move', by: 18}],
    ['PgUp', '', press({pageUp: true}), {type: 'move', by: -18}],
    ['g', 'g', NONE, {type: 'moveTo', where: 'first'}],
    ['G', 'G', press({shift: true}), {type: 'moveTo', where: 'last'}],
    ['Enter', '\r', press({return: true}), {type: 'open'}],
    ['→', '', press({rightArrow: true}), {type: 'open'}],
    ['Esc', '', press({escape: true}), {type: 'clearFilter'}],
    ['/', '/', NONE, {type: 'startFilter'}],
    ['x', 'x', NONE, {type: 'exclude'}],
    ['u', 'u', NONE, {type: 'undo'}],
    ['s', 's', NONE, {type: 'save'}],
    ['a', 'a', NONE, {type: 'apply'}],
    ['q', 'q', NONE, {type: 'quit'}],
    ['Ctrl+C', 'c', press({ctrl: true}), {type: 'quit'}],
  ] as const)('%s', (_name, input, key, action) => {
    expect(keyToAction(LIST, input, key, view)).toEqual(action);
  });

  it('other keys do nothing', () => {
    expect(keyToAction(LIST, 'z', NONE, view)).toBeNull();
    expect(keyToAction(LIST, '', press({tab: true}), view)).toBeNull();
  });
});

describe('keyToAction in the details', () => {
  it.each([
    ['↓', '', press({downArrow: true}), {type: 'scroll', by: 1, max: 7}],
    ['j', 'j', NONE, {type: 'scroll', by: 1, max: 7}],
    ['k', 'k', NONE, {type: 'scroll', by: -1, max: 7}],
    ['space', ' ', NONE, {type: 'scroll', by: 18, max: 7}],
    ['PgUp', '', press({pageUp: true}), {type: 'scroll', by: -18, max: 7}],
    ['Enter', '\r', press({return: true}), {type: 'close'}],
    ['Esc', '', press({escape: true}), {type: 'close'}],
    ['←', '', press({leftArrow: true}), {type: 'close'}],
    ['x', 'x', NONE, {type: 'exclude'}],
    ['u', 'u', NONE, {type: 'undo'}],
    ['q', 'q', NONE, {type: 'quit'}],
  ] as const)('%s', (_name, input, key, action) => {
    expect(keyToAction(DETAIL, input, key, view)).toEqual(action);
  });
});

describe('keyToAction in a prompt', () => {
  const FILTER: Mode = {kind: 'filter', draft: ''};
  const NOTE: Mode = {kind: 'note', key: 'curl\u0000amd64', draft: '', from: 'list'};

  it('letters that are commands elsewhere are text here', () => {
    for (const letter of ['q', 'x', 'j', 's', '/']) expect(keyToAction(NOTE, letter, NONE, view)).toEqual({type: 'type', text: letter});
  });

  it('Enter confirms, Esc cancels, Backspace erases; Ctrl+C still quits', () => {
    expect(keyToAction(NOTE, '\r', press({return: true}), view)).toEqual({type: 'confirm'});
    expect(keyToAction(NOTE, '', press({escape: true}), view)).toEqual({type: 'cancel'});
    expect(keyToAction(NOTE, '', press({backspace: true}), view)).toEqual({type: 'erase'});
    expect(keyToAction(NOTE, 'c', press({ctrl: true}), view)).toEqual({type: 'quit'});
  });

  it('the filter still moves with ↑/↓; the note prompt ignores them', () => {
    expect(keyToAction(FILTER, '', press({downArrow: true}), view)).toEqual({type: 'move', by: 1});
    expect(keyToAction(NOTE, '', press({downArrow: true}), view)).toBeNull();
  });

  it('the page size is only asked for the keys that need it', () => {
    let asked = 0;
    keyToAction(LIST, 'j', NONE, () => (asked++, VIEW));
    expect(asked).toBe(0);
  });
});

describe('splitKeys', () => {
  it('a run of characters is one key each; newline is Enter, DEL is Backspace', () => {
    expect(splitKeys('jj/s', NONE)).toEqual([
      ['j', NONE],
      ['j', NONE],
      ['/', NONE],
      ['s', NONE],
    ]);
    expect(splitKeys('ok\r', NONE).map(([input, key]) => [input, key.return])).toEqual([
      ['o', false],
      ['k', false],
      ['', true],
    ]);
    expect(splitKeys('a\u007f', NONE)[1]?.[1].backspace).toBe(true);
  });

  it('a single key, or one ink already recognised, passes through', () => {
    const down = press({downArrow: true});
    expect(splitKeys('', down)).toEqual([['', down]]);
    expect(splitKeys('j', NONE)).toEqual([['j', NONE]]);
    expect(splitKeys('\u001b[A', press({escape: true}))).toHaveLength(1);
  });
});
