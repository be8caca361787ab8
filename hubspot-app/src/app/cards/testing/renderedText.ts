import type { RenderedChildNode, RenderedParentNode } from '@hubspot/ui-extensions/testing';

type AnyNode = RenderedChildNode | RenderedParentNode;
type Props = Record<string, unknown>;

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

const bar = (value: number, max: number, width = 20) => {
  const filled = Math.max(0, Math.min(width, Math.round((value / (max || 100)) * width)));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
};

const indent = (lines: string[], by = '  ') => lines.map((line) => `${by}${line}`);

const chartLines = (props: Props): string[] => {
  const axes = props.axes as { x: { field: string }; y: { field: string; label?: string } };
  const raw = props.data as Record<string, string | number>[] | { data: Record<string, string | number>[] };
  const rows = Array.isArray(raw) ? raw : raw.data;
  const max = Math.max(1, ...rows.map((r) => Number(r[axes.y.field]) || 0));
  const width = Math.max(...rows.map((r) => String(r[axes.x.field]).length), 1);
  return [
    `Chart: ${axes.y.label ?? axes.y.field}`,
    ...rows.map(
      (r) =>
        `  ${String(r[axes.x.field]).padEnd(width)} ${bar(Number(r[axes.y.field]), max)} ${r[axes.y.field]}`,
    ),
  ];
};

/**
 * A readable, plain-text picture of what a card shows, built from the renderer's tree: what
 * `entente preview` prints, so a newcomer sees a card without a HubSpot account.
 */
export const describeNode = (node: AnyNode): string[] => {
  if (node.nodeType === 'text') return node.text.trim() ? [node.text.trim()] : [];
  const kids = () => childrenOf(node).flatMap(describeNode);
  if (node.nodeType !== 'element') return kids();
  const props = node.props as Props;
  const text = () => textOf(node);
  switch (node.name) {
    case 'Heading':
      return ['', `== ${text()} ==`];
    case 'Text':
      return text() ? [text()] : [];
    case 'Accordion':
      // Folded away until clicked, as HubSpot shows it: the title, and the contents only when open.
      return props.open === true || props.defaultOpen === true
        ? [`[-] ${String(props.title)}`, ...indent(kids())]
        : [`[+] ${String(props.title)}`];
    case 'Alert':
      return [`[${String(props.variant ?? 'info').toUpperCase()}] ${String(props.title)}`, ...indent(kids())];
    case 'StatusTag':
    case 'Tag':
      return [`[${text()}]`];
    case 'LoadingSpinner':
      return [`(loading) ${String(props.label)}`];
    case 'EmptyState':
      return [`(nothing to show) ${String(props.title ?? '')}`, ...indent(kids())];
    case 'ErrorState':
      return [`(error) ${String(props.title ?? '')}`, ...indent(kids())];
    case 'ProgressBar':
      return [
        `${String(props.title ?? '')} ${bar(Number(props.value ?? 0), Number(props.maxValue ?? 100))} ${Math.round(Number(props.value ?? 0))}%${props.valueDescription ? ` (${String(props.valueDescription)})` : ''}`,
      ];
    case 'BarChart':
    case 'LineChart':
      return chartLines(props);
    case 'Button':
    case 'LoadingButton':
      return [`< ${text()} >${props.disabled ? ' (disabled)' : ''}`];
    case 'Link': {
      const href = props.href as string | { url: string } | undefined;
      return [`${text()} -> ${typeof href === 'string' ? href : (href?.url ?? '')}`];
    }
    case 'TextArea':
    case 'Input':
    case 'NumberInput':
    case 'Select': {
      // A long value (a whole policy) would drown the picture: show its first line and a count.
      // A number input may hold 0, which is a value all the same.
      const lines =
        props.value === undefined || props.value === null || props.value === ''
          ? []
          : String(props.value).split('\n');
      const value = lines.length > 1 ? `${lines[0]} … (${lines.length} lines)` : (lines[0] ?? '          ');
      return [`${String(props.label ?? '')}: [${value}]`];
    }
    case 'Divider':
      return ['-'.repeat(60)];
    case 'StatisticsItem':
      return [`${String(props.label)}: ${String(props.number)}`];
    case 'DescriptionListItem':
      return [`${String(props.label)}: ${text()}`];
    case 'TableRow':
      return [childrenOf(node).map(textOf).join(' | ')];
    case 'TableHead':
      return [...kids(), '-'.repeat(40)];
    case 'Flex':
      // A row reads as one line; a column as one line per child.
      return props.direction === 'row'
        ? [
            childrenOf(node)
              .map((c) => describeNode(c).join(' '))
              .filter(Boolean)
              .join('  '),
          ]
        : kids();
    default:
      return kids();
  }
};

export const describeTree = (root: RenderedParentNode): string =>
  describeNode(root)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
