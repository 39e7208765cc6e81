/**
 * `webgl_renderer_class` (signals.md §Device): whether WebGL draws on a GPU or in software
 * (SwiftShader, llvmpipe…: virtual machines, servers, headless browsers). The renderer string
 * itself is a fingerprint and is never kept or sent: only its class.
 */

export type RendererClass = 'hardware' | 'software' | 'unknown';

const SOFTWARE_RENDERERS = /SwiftShader|llvmpipe|softpipe|Software Rasterizer|Microsoft Basic Render|Mesa OffScreen|software/i;

export function classifyRenderer(renderer: string | null | undefined): RendererClass {
  if (!renderer) return 'unknown';
  if (SOFTWARE_RENDERERS.test(renderer)) return 'software';
  // Browsers that mask the renderer answer with their own name, which says nothing. WebKit masks even the
  // "unmasked" renderer as "Apple GPU", on every platform and whatever draws (WebKitGTK under Xvfb says so
  // of Mesa's llvmpipe): seen as 'hardware' until the signals tests ran in WebKit.
  if (/^(WebKit WebGL|Mozilla|Generic Renderer|Apple GPU)$/i.test(renderer.trim())) return 'unknown';
  return 'hardware';
}

let cached: RendererClass | null = null;

/** Reads the renderer once per page and releases the context straight away. */
export function webglRendererClass(doc: Document = document): RendererClass {
  if (cached) return cached;
  cached = 'unknown';
  try {
    const gl = doc.createElement('canvas').getContext('webgl');
    if (gl) {
      const debug = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) as unknown;
      cached = classifyRenderer(typeof renderer === 'string' ? renderer : null);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // No WebGL here: unknown.
  }
  return cached;
}
