// Types of the recharts modules TrendChart imports by path (recharts types its root only).
declare module 'recharts/es6/chart/generateCategoricalChart' {
  export { generateCategoricalChart } from 'recharts/types/chart/generateCategoricalChart';
}
declare module 'recharts/es6/util/CartesianUtils' {
  export { formatAxisMap } from 'recharts/types/util/CartesianUtils';
}
