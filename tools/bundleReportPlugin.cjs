// Webpack 4 plugin used by `npm run bundle:report` (tools/bundle-report.ts); added by
// webpack.config.js only when BUNDLE_REPORT_DIR is set, so the normal build is untouched.
// Into that directory it writes:
// - <bundle>.js and <bundle>.js.map: each JS asset as minified, with the source map from
//   the minifier back to the original files. Taken right after minification: the stock
//   build runs two source-map plugins on the same file name and the second one writes an
//   empty map over the first.
// - stats.json: webpack's stats (modules with their ids, reasons, used exports and
//   concatenation bailouts).
// - options.json: mode, devtool, publicPath and the optimization flags webpack ran with.
const fs = require('node:fs');
const path = require('node:path');

const NAME = 'BundleReportPlugin';

class BundleReportPlugin {
  constructor(dir) {
    this.dir = dir;
  }

  apply(compiler) {
    fs.mkdirSync(this.dir, { recursive: true });
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      // Ahead of the source-map plugins (which replace the asset with map-less text), so
      // this sees the minifier's output and its map.
      compilation.hooks.afterOptimizeChunkAssets.tap({ name: NAME, stage: -1000 }, (chunks) => {
        for (const chunk of chunks) {
          for (const file of chunk.files) {
            if (!file.endsWith('.js')) continue;
            const { source, map } = compilation.assets[file].sourceAndMap();
            fs.writeFileSync(path.join(this.dir, file), source);
            fs.writeFileSync(path.join(this.dir, `${file}.map`), JSON.stringify({ ...map, sourcesContent: undefined }));
          }
        }
      });
    });
    compiler.hooks.done.tap(NAME, (stats) => {
      // The settings that decide what is dropped, as webpack ran with them (its defaults filled in).
      const { mode, devtool, output, optimization } = compiler.options;
      const picked = ['minimize', 'usedExports', 'providedExports', 'sideEffects', 'concatenateModules', 'splitChunks', 'runtimeChunk'];
      fs.writeFileSync(
        path.join(this.dir, 'options.json'),
        JSON.stringify({ mode, devtool, publicPath: output.publicPath, optimization: Object.fromEntries(picked.map((k) => [k, optimization[k]])) }),
      );
      const json = stats.toJson({
        all: false,
        assets: true,
        modules: true,
        nestedModules: true,
        ids: true,
        reasons: true,
        usedExports: true,
        providedExports: true,
        optimizationBailout: true,
      });
      fs.writeFileSync(path.join(this.dir, 'stats.json'), JSON.stringify(json));
    });
  }
}

module.exports = BundleReportPlugin;
