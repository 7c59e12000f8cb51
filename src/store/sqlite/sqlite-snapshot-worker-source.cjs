// Loads the TypeScript writing thread where the service runs from source (ts-jest, tsx): the compiled
// service loads sqlite-snapshot-worker.js itself. tsx is a development dependency, needed only there.
require('tsx/cjs/api').register();
module.exports = require('./sqlite-snapshot-worker.ts');
