// Loads the TypeScript worker where the service runs from source (ts-jest, tsx): the compiled service
// loads extraction-worker.js itself. tsx is a development dependency, needed only there.
require('tsx/cjs/api').register();
module.exports = require('./extraction-worker.ts');
