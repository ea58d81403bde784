import { Link } from 'react-router-dom';
import SupervisionHint from './SupervisionHint';
import VerifyForm from './VerifyForm';
import './personnel.css';

/** 亮证核验: how to check an officer's identity, and a box to type a certificate number. */
export default function VerifyPage() {
  return (
    <section aria-labelledby="verify-section-title" className="portal-section verify-page">
      <h1 id="verify-section-title">亮证核验</h1>
      <p className="portal-lead">
        行政执法人员开展执法活动时，应当主动出示执法证件、表明身份（亮证执法）。当事人可以扫描执法人员出示的亮证卡上的二维码，或者在下方输入执法证号，当场核验执法人员的姓名、执法机关、执法门类、执法区域和执法证是否有效。
      </p>
      <VerifyForm />
      <h2>核验结果说明</h2>
      <ul className="portal-list">
        <li>
          <span className="portal-ok">有效</span>：该执法人员今日持有效执法证，可以在执法证载明的执法门类和执法区域内从事执法活动。
        </li>
        <li>
          <span className="portal-error">暂扣、已注销、已过期、未按期年审</span>：持证人不得从事执法活动。
        </li>
        <li>辅助人员不持有执法证，只能协助执法人员开展工作，不得单独执法。</li>
      </ul>
      <SupervisionHint lead="执法人员拒不出示执法证件或者证件无法核验的，" />
      <p>
        <Link to="/officers">查看执法人员名单</Link>
      </p>
    </section>
  );
}
