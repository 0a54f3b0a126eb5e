import type * as React from 'react';

/**
 * The landmark around a layer that a Radix portal renders at the end of <body> (a menu, a list box):
 * outside every landmark, its content would be unreachable by landmark navigation, which axe-core
 * reports as `region`. The region exists only while the layer is open, so it never lingers empty in
 * the list of landmarks. Its label says what the layer is ("Menu", "Options").
 */
export function LayerRegion({ label, ...props }: React.ComponentProps<'div'> & { label: string }) {
  return <div role="region" aria-label={label} data-slot="layer-region" {...props} />;
}
