/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from paths relative to its own module: bundling breaks them.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // `next dev` on 127.0.0.1 would otherwise block its own dev resources.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
};

export default nextConfig;
