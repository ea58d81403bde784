import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  type Certificate,
  currentCertificate,
  describeCertificateStatus,
  formatRatio,
  minRatioLabel,
  verificationPath,
  verificationUrl,
} from './personnel';

function certificate(overrides: Partial<Certificate>): Certificate {
  return {
    id: 'c1',
    officerId: 'o1',
    agencyId: 'a1',
    number: '64050221001',
    categories: ['market_regulation'],
    categoryLabels: ['市场监督管理'],
    regionCode: '640502',
    regionName: '沙坡头区',
    issuedOn: '2025-01-01',
    expiresOn: '2030-01-01',
    nextReviewOn: null,
    lastReviewedOn: null,
    status: 'valid',
    statusReason: null,
    statusChangedOn: null,
    effectiveStatus: 'valid',
    effectiveStatusLabel: '有效',
    isValid: true,
    version: 1,
    ...overrides,
  };
}

describe('the reviewer ratio as people read it', () => {
  it('writes a share as a percentage with at most one decimal', () => {
    expect(formatRatio(1 / 21)).toBe('4.8%');
    expect(formatRatio(0.05)).toBe('5%');
    expect(formatRatio(0)).toBe('0%');
    expect(formatRatio(1)).toBe('100%');
    expect(formatRatio(2 / 3)).toBe('66.7%');
    expect(formatRatio(null)).toBe('—');
    expect(minRatioLabel).toBe('5%');
  });
});

describe('a certificate’s status today', () => {
  it('is green only when valid today', () => {
    expect(describeCertificateStatus({ status: 'valid', isValid: true })).toEqual({
      label: '有效',
      tone: 'valid',
      sentence: '该执法人员今日持有效执法证',
    });
  });

  it('is red, saying the holder may not enforce, when cancelled, suspended, expired or overdue for review', () => {
    expect(describeCertificateStatus({ status: 'cancelled', isValid: false })).toMatchObject({
      label: '已注销',
      tone: 'invalid',
      sentence: '该执法证已注销，持证人不得从事执法活动',
    });
    expect(describeCertificateStatus({ status: 'suspended', isValid: false }).label).toBe('暂扣');
    expect(describeCertificateStatus({ status: 'expired', isValid: false }).sentence).toBe('该执法证已过期，持证人不得从事执法活动');
    expect(describeCertificateStatus({ status: 'review_overdue', isValid: false }).label).toBe('未按期年审');
  });

  it('says 尚未生效 for a valid certificate whose issue date is still ahead, and 未领取执法证 without one', () => {
    expect(describeCertificateStatus({ status: 'valid', isValid: false })).toMatchObject({ label: '尚未生效', tone: 'invalid' });
    expect(describeCertificateStatus(null)).toMatchObject({ label: '未领取执法证', tone: 'pending' });
  });
});

describe('the certificate an officer holds now', () => {
  it('is the one registered valid or suspended, else the latest issued', () => {
    const old = certificate({ id: 'old', issuedOn: '2019-01-01', status: 'cancelled' });
    const held = certificate({ id: 'held', issuedOn: '2018-01-01', status: 'suspended' });
    const later = certificate({ id: 'later', issuedOn: '2021-01-01', status: 'cancelled' });
    expect(currentCertificate([old, held, later])?.id).toBe('held');
    expect(currentCertificate([old, later])?.id).toBe('later');
    expect(currentCertificate([])).toBeNull();
  });

  it('allows the steps the server allows from each registered status', () => {
    expect(allowedActions('valid')).toEqual(['renew', 'review', 'suspend', 'cancel']);
    expect(allowedActions('suspended')).toEqual(['reinstate', 'cancel']);
    expect(allowedActions('cancelled')).toEqual([]);
  });
});

describe('the verification address a QR code encodes', () => {
  it('escapes the number', () => {
    expect(verificationPath('64050221001')).toBe('/verify/certificate/64050221001');
    expect(verificationUrl('https://zf.zw.gov.cn/', '宁A-0001')).toBe('https://zf.zw.gov.cn/verify/certificate/%E5%AE%81A-0001');
  });
});
