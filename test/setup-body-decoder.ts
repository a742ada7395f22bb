/**
 * Loads body-parser's decoder (iconv-lite) into each test file's module registry before its tests run. iconv-lite
 * loads its codec tables on the first body it decodes; inside the jest sandbox that load, made in a request in the
 * middle of a burst of sends, threw an error from the sandbox's outer realm, and every body of the file failed after
 * it (the `outcomes` stall, CHANGELOG 0.3.14). A process outside jest has no such realm and loads it lazily, as
 * body-parser means it to. Loaded here, a failure fails the file at setup, in its own words.
 */
import iconv from 'iconv-lite';

iconv.decode(Buffer.alloc(0), 'utf-8');
