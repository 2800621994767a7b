// What bin/run.js takes from oclif, from the start-up bundle (bin/bundle.js) so that oclif is read as
// one bundled file instead of some 160 CommonJS modules.
export {flush, run} from '@oclif/core';
