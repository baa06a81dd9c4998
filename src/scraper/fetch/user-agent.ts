/**
 * How the scraper names itself to every site, in the User-Agent header and when matching
 * robots.txt groups (robots-parser keeps the part before the `/`, so groups for `BrandScraper`
 * apply).
 */
export const USER_AGENT = 'BrandScraper/1.0 (+https://github.com/brand-scraper)'
