// The walls between dana-sim's parts, checked in `npm test` (npm run lint:deps). Why each exists:
// simulator/README.md, "Request flow and walls".
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-file-cycles', severity: 'error', comment: 'No import cycle between files.', from: {}, to: { circular: true } },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'No import cycle between folders.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contracts-are-data',
      severity: 'error',
      comment: 'Contracts are data both the simulator and the tests read: they import nothing from simulator/ or scenarios/.',
      from: { path: '^contracts/' },
      to: { path: '^(simulator|scenarios|test)/' },
    },
    {
      name: 'core-names-no-product',
      severity: 'error',
      comment: 'Core (pipeline, product interface) knows no product, adapter, control route, party or page.',
      from: { path: '^simulator/core/' },
      to: { path: '^simulator/(products|adapters|control|parties|bin)/|^simulator/index\\.ts$' },
    },
    {
      name: 'products-stay-in-their-lane',
      severity: 'error',
      comment: 'Products see requests as data and rules never reach them: no adapter, no HTTP framework, no faults/, no control/.',
      from: { path: '^simulator/products/' },
      to: {
        path: '^simulator/(adapters|control|faults|bin)/|^simulator/index\\.ts$|node_modules/(express|msw|supertest)/|^(http|https|net)$',
      },
    },
    {
      name: 'a-product-is-one-folder',
      severity: 'error',
      comment: 'Products reach each other only through their index (payment-gateway pays through virtual-account), never the list.',
      from: { path: '^simulator/products/([^/]+)/' },
      to: { path: '^simulator/products/index\\.ts$' },
    },
    {
      name: 'simulator-ignores-the-harness',
      severity: 'error',
      comment: 'The simulator imports nothing from scenarios/ or test/; only the executable (simulator/bin) joins them.',
      from: { path: '^simulator/', pathNot: '^simulator/bin/|\\.test\\.ts$' },
      to: { path: '^(scenarios|test)/' },
    },
    {
      name: 'faults-turn-rules-into-plans',
      severity: 'error',
      comment: 'faults/ reads contracts and returns data; the pipeline executes it.',
      from: { path: '^simulator/faults/', pathNot: '\\.test\\.ts$' },
      to: { path: '^simulator/(core|products|adapters|control|parties|notifications|bin)/|^simulator/index\\.ts$' },
    },
    {
      name: 'the-dashboard-talks-http',
      severity: 'error',
      comment:
        'The dashboard (browser code) reads and changes state through the control API only: it imports nothing of the simulator but the types of what the API answers (erased from the bundle).',
      from: { path: '^simulator/dashboard/app/' },
      to: { path: '^(simulator|scenarios|contracts|test)/', pathNot: '^simulator/dashboard/app/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-the-dashboard',
      severity: 'error',
      comment: 'The dashboard is served as files built from simulator/dashboard/app/, never imported by Node code.',
      from: { pathNot: '^simulator/dashboard/app/' },
      to: { path: '^simulator/dashboard/app/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
