/** Every chart is this wide, and at least this high, in px: legible in a chat at its size. */
export const CHART_WIDTH = 800;
export const MIN_CHART_HEIGHT = 450;

/**
 * Colours from the Okabe–Ito palette, told apart with any colour vision. Colour never carries a
 * meaning alone: a bar's direction and its label (▲ up / ▼ down) say its sign too.
 */
export const CHART_COLOURS = {
  background: '#ffffff',
  text: '#1a1a1a',
  muted: '#4d4d4d',
  rule: '#d0d0d0',
  axis: '#333333',
  up: '#0072B2',
  down: '#D55E00',
  /** A figure with no direction (a share, a level). */
  level: '#009E73',
  /** Darker shades of the same hues for text, legible on white (contrast at least 4.5:1). */
  upText: '#005A8C',
  downText: '#A23F00',
  /** The timeline's marks. */
  mark: '#0072B2',
} as const;
