// The few semver functions the doctor uses, imported one by one: the package's index loads
// every class and range helper, which costs start-up time on every run.
import gt from 'semver/functions/gt.js';
import gte from 'semver/functions/gte.js';
import parse from 'semver/functions/parse.js';
import rcompare from 'semver/functions/rcompare.js';
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';

export default { gt, gte, parse, rcompare, satisfies, valid, validRange };
