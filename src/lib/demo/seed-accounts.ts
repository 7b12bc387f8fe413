// Showcase accounts for the demo: a handful of Shanghai, Shenzhen, Hangzhou,
// Suzhou and Guangzhou companies with small buying committees written by hand
// (a CFO 财务总监, 运营经理, 实习生 …), so /sales/accounts/ shows each kind of
// account: the whole committee engaged, a decision maker gone quiet, no
// influencer known yet. Their acts are dated back from `now`.
import type { CompanySize } from '../../../db/tables';

type Act = [type: string, subject: string, daysAgo: number];
interface ShowcasePerson {
  email: string;
  name: string;
  jobTitle: string;
  acts: Act[];
}
interface ShowcaseCompany {
  company: string;
  size: CompanySize;
  industry: string;
  source: [string, string, string];
  people: ShowcasePerson[];
}

const companies: ShowcaseCompany[] = [
  {
    company: '云帆财税科技',
    size: '201-1000',
    industry: 'saas',
    source: ['baidu', 'organic', ''],
    people: [
      { email: 'li.na@yunfan-tax.cn', name: '李娜', jobTitle: 'CFO 财务总监', acts: [['resource_download', 'b2b-lead-scoring-benchmark-2026', 9], ['demo_request', 'demo', 2]] },
      { email: 'wang.qiang@yunfan-tax.cn', name: '王强', jobTitle: '运营经理', acts: [['article_read', 'scoring-model-sales-trusts', 6], ['article_read', 'running-a-30-seat-salon', 5], ['resource_download', 'salon-playbook-template', 4]] },
      { email: 'chen.xiao@yunfan-tax.cn', name: '陈晓', jobTitle: '实习生', acts: [['article_read', 'pipl-pdpa-lead-forms', 1]] },
    ],
  },
  {
    company: '深圳极光智造',
    size: '1001-5000',
    industry: 'manufacturing',
    source: ['wechat', 'social', 'salon-series-autumn'],
    people: [
      // The general manager signed up long ago and has gone quiet: nobody who decides is engaged.
      { email: 'zhou.tao@jiguang-mfg.cn', name: '周涛', jobTitle: '总经理', acts: [['newsletter_signup', 'newsletter', 400]] },
      { email: 'liu.fang@jiguang-mfg.cn', name: '刘芳', jobTitle: '采购经理', acts: [['demo_request', 'demo', 3], ['package_interest', 'lead-scoring-desk', 3]] },
      { email: 'zhao.lei@jiguang-mfg.cn', name: '赵磊', jobTitle: '设备工程师', acts: [['article_read', 'first-party-attribution-after-cookies', 10], ['article_read', 'scoring-model-sales-trusts', 8]] },
    ],
  },
  {
    company: '上海澜图数据',
    size: '51-200',
    industry: 'saas',
    source: ['linkedin', 'cpc', 'scoring-benchmark-2026'],
    people: [
      { email: 'sun.min@lantu-data.com', name: '孙敏', jobTitle: 'Head of Growth', acts: [['package_interest', 'growth-flywheel', 1], ['demo_request', 'demo', 2]] },
      { email: 'wu.hao@lantu-data.com', name: '吴昊', jobTitle: '数据分析师', acts: [['article_read', 'peoplestack-mql-to-sql', 4]] },
    ],
  },
  {
    company: '杭州青禾人力',
    size: '201-1000',
    industry: 'hr-tech',
    source: ['newsletter', 'email', 'monthly-digest'],
    people: [
      { email: 'huang.jing@qinghe-hr.cn', name: '黄静', jobTitle: 'HRD 人力资源总监', acts: [['resource_download', 'salon-playbook-template', 20]] },
      { email: 'xu.xin@qinghe-hr.cn', name: '许欣', jobTitle: 'HR专员', acts: [['newsletter_signup', 'newsletter', 40]] },
      { email: 'zheng.lei@qinghe-hr.cn', name: '郑雷', jobTitle: '人事经理', acts: [['article_read', 'referral-gifts-not-bribes', 15]] },
    ],
  },
  {
    company: '苏州启明物流',
    size: '1001-5000',
    industry: 'logistics',
    source: ['events', 'offline', 'salon-series-autumn'],
    people: [
      { email: 'ma.jun@qiming-logistics.cn', name: '马俊', jobTitle: '运营总监', acts: [['contact', 'contact', 8]] },
      { email: 'lin.ying@qiming-logistics.cn', name: '林颖', jobTitle: 'Operations Manager', acts: [['demo_request', 'demo', 6], ['article_read', 'running-a-30-seat-salon', 5]] },
      { email: 'he.jia@qiming-logistics.cn', name: '何佳', jobTitle: '物流专员', acts: [['article_read', 'scoring-model-sales-trusts', 30]] },
      { email: 'luo.ting@qiming-logistics.cn', name: '罗婷', jobTitle: 'Marketing Intern', acts: [['newsletter_signup', 'newsletter', 2]] },
    ],
  },
  {
    company: '广州恒信电子',
    size: '201-1000',
    industry: 'electronics',
    source: ['google', 'organic', ''],
    people: [
      { email: 'gao.xiang@hengxin-elec.com', name: '高翔', jobTitle: 'CTO 首席技术官', acts: [['article_read', 'first-party-attribution-after-cookies', 60]] },
      { email: 'liang.chen@hengxin-elec.com', name: '梁晨', jobTitle: '高级工程师', acts: [['resource_download', 'b2b-lead-scoring-benchmark-2026', 12]] },
    ],
  },
];

const DAY = 86_400_000;

/** The showcase people and their acts, as rows for the seed (acts keyed by email until the people have ids). */
export function showcaseAccounts(now: Date) {
  const people = [];
  const acts = [];
  for (const c of companies) {
    const [source, medium, campaign] = c.source;
    for (const p of c.people) {
      const times = p.acts.map(([, , d]) => now.getTime() - d * DAY);
      const first = new Date(Math.min(...times));
      people.push({
        email: p.email,
        name: p.name,
        company: c.company,
        jobTitle: p.jobTitle,
        companySize: c.size,
        industry: c.industry,
        consentText: 'I agree to receive emails from Flywheel about salons, research and products. I can unsubscribe at any time.',
        consentAt: first,
        firstSource: source,
        firstMedium: medium,
        firstCampaign: campaign || null,
        lastSource: source,
        lastMedium: medium,
        lastCampaign: campaign || null,
        createdAt: first,
        updatedAt: first,
        lastActivityAt: new Date(Math.max(...times)),
      });
      for (const [type, subject, d] of p.acts) acts.push({ email: p.email, type, subject, source, medium, campaign: campaign || null, occurredAt: new Date(now.getTime() - d * DAY) });
    }
  }
  return { people, acts };
}
