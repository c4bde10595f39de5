import { describe, expect, it } from 'vitest'
import { scriptsIn } from '../../scripts/bundle-size.ts'

describe('bundle-size: the scripts a served page loads', () => {
  it('separates what a modern browser fetches from noModule polyfills and skips inline scripts', () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async="" nonce="n1"></script>',
      '<script nonce="n1" src="/_next/static/chunks/b.js" async=""></script>',
      '<script src="/_next/static/chunks/polyfill.js" noModule="" nonce="n1"></script>',
      '<script nonce="n1" id="_R_">self.__next_f=self.__next_f||[]</script>',
      '<link rel="preload" as="script" href="/_next/static/chunks/a.js"/>',
      '<script src="https://elsewhere.example/x.js"></script>',
    ].join('\n')
    expect(scriptsIn(html)).toEqual({ modules: ['static/chunks/a.js', 'static/chunks/b.js'], noModule: ['static/chunks/polyfill.js'] })
  })
})
