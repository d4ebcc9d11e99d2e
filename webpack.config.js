// Customises the Flex plugin build (flex-plugin-scripts calls this with its webpack config).
// - The plugin bundles its default configuration from flex-plugin.config.js in the project
//   root, outside src/: the stock build refuses imports from outside src/, so its
//   module-scope guard is removed.
// - webpack 4's parser predates `??` and `?.`, which @tanstack's virtualiser ships
//   untranspiled: those files go through Babel with just the two syntax transforms
//   (Babel and the transforms come with the Flex build tools).
// - With BUNDLE_REPORT_DIR set (`npm run bundle:report`), tools/bundleReportPlugin.cjs
//   writes the minified bundle, its source map and webpack's stats there.
// Everything else is left as generated.
module.exports = (config) => {
  config.resolve.plugins = (config.resolve.plugins || []).filter(
    (plugin) => !(plugin && plugin.constructor && plugin.constructor.name === 'ModuleScopePlugin'),
  );
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
  if (process.env.BUNDLE_REPORT_DIR) {
    const BundleReportPlugin = require('./tools/bundleReportPlugin.cjs');
    config.plugins.push(new BundleReportPlugin(process.env.BUNDLE_REPORT_DIR));
  }
  return config;
};
