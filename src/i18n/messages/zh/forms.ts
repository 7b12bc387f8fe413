// 中文文案：forms。键与 ../en/forms.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { forms as en } from '../en/forms';

export const forms: CatalogueOf<typeof en> = {
  'form.optional': '（选填）',
  'form.choose': '请选择…',
  'field.email': '工作邮箱',
  'field.name': '姓名',
  'field.company': '公司',
  'field.jobTitle': '职位',
  'field.companySize': '公司规模',
  'field.companySizeOption': '{size} 人',
  'field.phone': '手机',
  'field.phoneHint': '仅在活动当天有变动时联系您。',
  'field.wechat': '微信号',
  'field.newsletterEmail': '接收月度通讯的邮箱',
  'form.interest': '您想了解什么？',
  'form.interestSummary': '想了解的内容',
  'form.generalDemo': '产品整体演示',
  'form.consent': '订阅同意',
  'form.leadConsent': 'Flywheel 可以通过邮件向我发送沙龙、研究报告和产品信息，我可随时退订。',
  'form.registerConsent': '通过邮件接收之后的沙龙和研究报告，我可随时退订。',
  'form.honeypot': '此项请留空',
  'form.registerSubmit': '免费报名',
  'form.send': '提交',
  'request.title': '联系我们',
  'request.description': '预约演示、咨询方案或下载资料。',
  'request.thanks': '提交成功',
  'request.heading': '留下联系方式，我们来找您',
};
