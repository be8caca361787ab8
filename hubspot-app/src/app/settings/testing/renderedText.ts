// Copied from cards/testing/renderedText.ts (only `textOf`): component folders cannot share
// modules, see utils/fetchFromService.ts.
import type { RenderedChildNode, RenderedParentNode } from '@hubspot/ui-extensions/testing';

type AnyNode = RenderedChildNode | RenderedParentNode;

const childrenOf = (node: AnyNode): AnyNode[] => ('childNodes' in node ? (node.childNodes as AnyNode[]) : []);

/** Any rendered node, whatever its component's props (the renderer's own types are per component). */
type SomeNode = { nodeType: string };

/** All the text under a node, in order, joined by single spaces (nested elements included). */
export const textOf = (some: SomeNode | null | undefined): string => {
  const node = some as AnyNode | null | undefined;
  if (!node) return '';
  if (node.nodeType === 'text') return node.text;
  return childrenOf(node)
    .map(textOf)
    .filter((t) => t !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
};

/**
 * Every string the page hands HubSpot under a node: text and string props (values, labels, links).
 * For checks such as "a key never reaches the page", where text alone could miss an input's value.
 */
export const everythingUnder = (some: SomeNode | null | undefined): string => {
  const node = some as AnyNode | null | undefined;
  if (!node) return '';
  if (node.nodeType === 'text') return node.text;
  const props =
    'props' in node && node.props && typeof node.props === 'object'
      ? Object.values(node.props as Record<string, unknown>)
          .map((v) =>
            typeof v === 'string' ? v : typeof v === 'object' && v !== null ? JSON.stringify(v) : '',
          )
          .filter(Boolean)
      : [];
  return [...props, ...childrenOf(node).map(everythingUnder)].join(' ');
};
