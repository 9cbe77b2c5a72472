/**
 * 等保 2.0 password rules (GB/T 22239 8.1.4.1 a): at least 8 characters from at least three of
 * the four classes, and not the login itself. Returns the reasons it fails, empty when good.
 */
export function passwordProblems(password: string, login: string): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  if (password.length < 8) problems.push({ zh: '密码至少 8 位', en: 'at least 8 characters' });
  if (password.length > 128) problems.push({ zh: '密码最多 128 位', en: 'at most 128 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push({
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'use at least three of: lower case, upper case, digits, symbols',
    });
  }
  if (login && password.toLowerCase().includes(login.toLowerCase())) {
    problems.push({ zh: '密码不能包含登录名', en: 'must not contain the login name' });
  }
  return problems;
}
