// Customises the Flex plugin build (flex-plugin-scripts calls this with its webpack config).
// The plugin bundles its default configuration from flex-plugin.config.js in the project
// root, outside src/: the stock build refuses imports from outside src/, so its
// module-scope guard is removed; everything else is left as generated.
module.exports = (config) => {
  config.resolve.plugins = (config.resolve.plugins || []).filter(
    (plugin) => !(plugin && plugin.constructor && plugin.constructor.name === 'ModuleScopePlugin'),
  );
  return config;
};
