// sfdx-lwc-jest brings its own Jest 29 and jsdom, so the Salesforce package is its own Jest project.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
};
