//! plant-i18n's tests: the catalogues agree with each other and with the code, messages resolve in both
//! languages, dates and numbers, the language choice.

mod catalogue;
mod choice;
mod format;
mod messages;
