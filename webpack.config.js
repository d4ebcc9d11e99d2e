// Customises the Flex plugin build (flex-plugin-scripts calls this with its webpack config).
// - The plugin bundles its default configuration from flex-plugin.config.js in the project
//   root, outside src/: the stock build refuses imports from outside src/, so its
//   module-scope guard is removed.
// - webpack 4's parser predates `??` and `?.`, which @tanstack's virtualiser ships
//   untranspiled: those files go through Babel with just the two syntax transforms
//   (Babel and the transforms come with the Flex build tools).
// - recharts' d3 comes from victory-vendor's ES modules (see below).
// - The minifier may rename functions and classes (see below).
// - Two prebuilt Paste files get their unused parts dropped (see below).
// - Babel compiles src/ for the browsers in package.json `browserslist` (Flex UI 2.x's
//   evergreen browsers) instead of ES5. Chrome and Edge 79 are in it on purpose: they
//   lack `??` and `?.`, so Babel still compiles those, which webpack 4's parser cannot read.
// - With BUNDLE_REPORT_DIR set (`npm run bundle:report`), tools/bundleReportPlugin.cjs
//   writes the minified bundle, its source map and webpack's stats there.
// Everything else is left as generated.
const fs = require('node:fs');
const path = require('node:path');

module.exports = (config) => {
  config.resolve.plugins = (config.resolve.plugins || []).filter(
    (plugin) => !(plugin && plugin.constructor && plugin.constructor.name === 'ModuleScopePlugin'),
  );
  // victory-vendor (recharts' d3) maps `victory-vendor/d3-*` through package.json
  // `exports`: ES modules re-exporting the d3 packages for bundlers that import, CommonJS
  // copies otherwise. webpack 4 does not read `exports` and took the CommonJS copies
  // (every d3 module, none tree-shaken); point it at the ES ones.
  const victoryVendor = path.dirname(require.resolve('victory-vendor/package.json'));
  for (const lib of ['d3-scale', 'd3-shape']) {
    config.resolve.alias[`victory-vendor/${lib}$`] = path.join(victoryVendor, 'es', `${lib}.js`);
  }
  // `@twilio-paste/core/<name>` (how src/ imports Paste) is a CommonJS file re-exporting
  // the ES module of `@twilio-paste/<name>`; a CommonJS require counts every export as
  // used, so webpack kept all of them. Resolve each subpath to the module it re-exports.
  const pasteCoreDist = path.join(path.dirname(require.resolve('@twilio-paste/core/package.json')), 'dist');
  for (const file of fs.readdirSync(pasteCoreDist)) {
    if (!file.endsWith('.js') || file === 'index.js') continue;
    const required = [...fs.readFileSync(path.join(pasteCoreDist, file), 'utf8').matchAll(/require\("(@twilio-paste\/[^"]+)"\)/g)];
    if (required.length === 1) config.resolve.alias[`@twilio-paste/core/${file.slice(0, -3)}$`] = required[0][1];
  }
  // In Paste's theme and reakit files the top-level calls are factories (a theme per token
  // set, a component per reakit part): tools/babelPureTopLevel.cjs marks them pure, so
  // the minifier drops the ones nothing uses (the themes besides the default one and the
  // theme provider that picks among them, reakit's dialogs, menus, tooltips...).
  config.module.rules.unshift({
    test: /[\\/]node_modules[\\/]@twilio-paste[\\/](theme|reakit-library)[\\/]dist[\\/]index\.es\.js$/,
    use: {
      loader: require.resolve('babel-loader'),
      options: { babelrc: false, configFile: false, compact: false, plugins: [require.resolve('./tools/babelPureTopLevel.cjs')] },
    },
  });
  config.module.rules.unshift({
    test: /\.m?js$/,
    include: /[\\/]node_modules[\\/]@tanstack[\\/]/,
    use: {
      loader: require.resolve('babel-loader'),
      options: {
        babelrc: false,
        configFile: false,
        compact: false,
        // Its own maps point at sources it does not ship; map to the files webpack reads.
        inputSourceMap: false,
        plugins: [
          require.resolve('@babel/plugin-transform-nullish-coalescing-operator'),
          require.resolve('@babel/plugin-transform-optional-chaining'),
        ],
      },
    },
  });
  // The stock production build keeps every function and class name through minification
  // (keep_fnames, keep_classnames): about 27 KB of the gzipped bundle. Nothing here
  // reads them: Flex finds the plugin by its script tag and reads the instance's `name`,
  // recharts and Paste match children by their static `displayName`. A second compress
  // pass finds what the first one made dead (about 2.5 KB more).
  for (const minimizer of config.optimization.minimizer || []) {
    const terser = minimizer && minimizer.options && minimizer.options.terserOptions;
    if (!terser) continue;
    Object.assign(terser, { keep_fnames: false, keep_classnames: false });
    terser.compress = { ...terser.compress, passes: 2 };
  }
  if (process.env.BUNDLE_REPORT_DIR) {
    const BundleReportPlugin = require('./tools/bundleReportPlugin.cjs');
    config.plugins.push(new BundleReportPlugin(process.env.BUNDLE_REPORT_DIR));
  }
  return config;
};
