import type { LanguagePack } from './types.ts';

export const en: LanguagePack = {
  language: 'en',
  greeting: 'Dear Sir or Madam,',
  signOff: 'Kind regards,',
  colon: ': ',
  semicolon: '; ',
  and: 'and',
  intro: {
    site: { self: 'I am writing to ask you to remove content published on {site}.' },
    hosting_provider: { self: 'I am writing to you as the hosting provider of the website {site}, to report content on it that must be removed.' },
    registrar_cdn: { self: 'I am writing to you as the registrar or the network/CDN provider for {domain}, to report content on the website {site}.' },
    search_engine: { self: 'I am writing to ask you to remove (delist) a page from your search results.' },
    helpline_regulator: {
      self: 'I am writing to ask for your help with content about me that was published online without my consent.',
      agent: 'I am writing to ask for your help for a person whose private content was published online without their consent.',
    },
    police: {
      self: 'I wish to file a complaint about the publication of content about me on the internet without my consent.',
      agent: 'I wish to file a complaint, on behalf of the person concerned, about the publication of content about them on the internet without their consent.',
    },
  },
  subjectPrefix: {
    site: 'Removal request',
    hosting_provider: 'Abuse report (removal request)',
    registrar_cdn: 'Abuse report',
    search_engine: 'Delisting request',
    helpline_regulator: 'Request for help',
    police: 'Complaint',
  },
  basisShort: {
    platform_policy: 'breach of your rules',
    take_it_down: 'TAKE IT DOWN Act',
    uk_soa_66b: 'Sexual Offences Act 2003 s.66B',
    be_417_9: 'art. 417/9 Criminal Code (BE)',
    nl_139h: 'art. 139h Sr (NL)',
    de_201a: '§201a StGB (DE)',
    dsa_art16: 'DSA Art. 16 notice',
    gdpr_art17: 'GDPR Art. 17 erasure',
    dmca_512c3: 'DMCA notice',
  },
  paragraphs: {
    concerned: {
      self: 'I am the person concerned. The page shows {exposed}.',
      agent: 'I act on behalf of {onBehalfOf}, the person concerned, who has authorised me to send this notice. The page shows {exposed}.',
    },
    previous_notice: { self: 'I reported this content to the website on {previousNoticeDate}. It is still online.' },
    host_request: { self: 'Please have this content removed or disable access to it, and forward this notice to your customer who operates {site}.' },
    registrar_request: {
      self: 'Please forward this notice to the hosting provider and to the operator of the website, take the action your abuse policy provides for, and tell me who hosts the website so that I can contact them.',
    },
    search_request: {
      self: 'Please remove the address below from your search results, for all searches, including searches on my name.',
      agent: 'Please remove the address below from your search results, for all searches, including searches on the name of the person concerned.',
    },
    helpline_request: {
      self: 'Could you advise me on how to have it removed and, with my consent, report it to the platform or to the competent authorities?',
      agent: 'Could you advise us on how to have it removed and, with the consent of the person concerned, report it to the platform or to the competent authorities?',
    },
    police_complaint: {
      self: 'I ask you to record this complaint, to investigate, and to order the removal of the content. I can provide evidence: screenshots showing the address, date and time.',
      agent: 'I ask you to record this complaint on behalf of the person concerned, to investigate, and to order the removal of the content. I can provide evidence: screenshots showing the address, date and time.',
    },
    location: { self: 'The content is at this exact address:\n{url}' },
    platform_policy: { self: 'This content breaks the rules of {platformName} on {policyTopic}.' },
    tida_notice: {
      self: 'This is a removal request under the TAKE IT DOWN Act (47 U.S.C. §223a). The page shows an intimate visual depiction of me. Please remove it as soon as possible and no later than 48 hours after receiving this request (by {tidaDue}), and make reasonable efforts to identify and remove any known identical copies.',
      agent: 'This is a removal request under the TAKE IT DOWN Act (47 U.S.C. §223a). The page shows an intimate visual depiction of the person concerned. Please remove it as soon as possible and no later than 48 hours after receiving this request (by {tidaDue}), and make reasonable efforts to identify and remove any known identical copies.',
    },
    tida_non_consent: {
      self: 'I state in good faith that this intimate visual depiction was published without my consent.',
      agent: 'I state in good faith that this intimate visual depiction of {onBehalfOf} was published without their consent.',
    },
    offence_uk: {
      self: 'Sharing this image without my consent is an offence under section 66B of the Sexual Offences Act 2003 (inserted by section 188 of the Online Safety Act 2023); it is priority illegal content under the Online Safety Act.',
      agent: 'Sharing this image without the consent of the person depicted is an offence under section 66B of the Sexual Offences Act 2003 (inserted by section 188 of the Online Safety Act 2023); it is priority illegal content under the Online Safety Act.',
    },
    uk_request: { self: 'Please remove it swiftly and take steps to prevent it from being uploaded again.' },
    offence_be: {
      self: 'Making this content accessible without my consent is an offence under article 417/9 of the Belgian Criminal Code (and article 417/10 where it is done with malicious intent or for profit), even if I consented to its making.',
      agent: 'Making this content accessible without the consent of the person concerned is an offence under article 417/9 of the Belgian Criminal Code (and article 417/10 where it is done with malicious intent or for profit), even if they consented to its making.',
    },
    remedy_be: {
      self: 'If the content is not removed, I intend to ask the President of the Court of First Instance for an order under article 584 of the Judicial Code, which requires removal within six hours, and to file a complaint with the police or through the Institute for the Equality of Women and Men (IGVM/IEFH).',
      agent: 'If the content is not removed, the person concerned intends to ask the President of the Court of First Instance for an order under article 584 of the Judicial Code, which requires removal within six hours, and to file a complaint with the police or through the Institute for the Equality of Women and Men (IGVM/IEFH).',
    },
    offence_nl: {
      self: 'Publishing an image of a sexual nature of me, while knowing or having reason to suspect that the publication may be harmful to me, is an offence under article 139h(2)(b) of the Dutch Criminal Code (Wetboek van Strafrecht).',
      agent: 'Publishing an image of a sexual nature of the person concerned, while knowing or having reason to suspect that the publication may be harmful to them, is an offence under article 139h(2)(b) of the Dutch Criminal Code (Wetboek van Strafrecht).',
    },
    remedy_nl: {
      self: 'If the content is not removed, I intend to report it to the police and to bring summary proceedings (kort geding).',
      agent: 'If the content is not removed, the person concerned intends to report it to the police and to bring summary proceedings (kort geding).',
    },
    offence_de: {
      self: 'Making this image accessible to third parties without authorisation is an offence under §201a(1) nos. 4 and 5 and §201a(2) of the German Criminal Code (StGB), and it infringes my right to my own image (§§22, 33 KUG).',
      agent: 'Making this image accessible to third parties without authorisation is an offence under §201a(1) nos. 4 and 5 and §201a(2) of the German Criminal Code (StGB), and it infringes the right of the person concerned to their own image (§§22, 33 KUG).',
    },
    unterlassung_de: { self: 'Please remove the content and make sure that it stays removed and is not published again.' },
    remedy_de: {
      self: 'If the content is not removed, I reserve the right to file a criminal complaint (Strafantrag) and to bring civil claims (§§823, 1004 BGB).',
      agent: 'If the content is not removed, the person concerned reserves the right to file a criminal complaint (Strafantrag) and to bring civil claims (§§823, 1004 BGB).',
    },
    dsa_notice: {
      self: 'This is a notice under Article 16 of the Digital Services Act (Regulation (EU) 2022/2065). It gives you actual knowledge of illegal content within the meaning of Article 6 of that Regulation.',
    },
    dsa_explanation: { self: 'Why the content is illegal: {illegality}.' },
    gdpr_request: {
      self: 'I ask you to erase my personal data on this page under Article 17 of the General Data Protection Regulation (GDPR).',
      agent: 'On behalf of the person concerned, I ask you to erase their personal data on this page under Article 17 of the General Data Protection Regulation (GDPR).',
    },
    gdpr_grounds: {
      self: 'The grounds are Article 17(1)(b): I do not consent to this processing and I withdraw any consent; Article 17(1)(c): I object under Article 21(1) and there are no overriding legitimate grounds; and Article 17(1)(d): the data is processed unlawfully, without any legal basis under Article 6, and insofar as it reveals a person\'s sex life none of the conditions of Article 9(2) is met.',
      agent: 'The grounds are Article 17(1)(b): the person concerned does not consent to this processing and withdraws any consent; Article 17(1)(c): they object under Article 21(1) and there are no overriding legitimate grounds; and Article 17(1)(d): the data is processed unlawfully, without any legal basis under Article 6, and insofar as it reveals a person\'s sex life none of the conditions of Article 9(2) is met.',
    },
    gdpr_other_controllers: {
      self: 'Where you have made this data public, please inform the other controllers that process it of this request, so that they erase any links to, copies or replications of it (Article 17(2)), and notify each recipient to whom it was disclosed (Article 19).',
    },
    gdpr_exceptions: {
      self: 'None of the exceptions in Article 17(3) applies: publishing this data serves no freedom of expression or information interest, fulfils no legal obligation or task in the public interest, serves no public health, archiving, research or statistical purpose, and is not needed for any legal claim.',
    },
    gdpr_deadline: {
      self: 'Under Article 12(3) GDPR you must act on this request without undue delay and at the latest within one month (by {gdprDue}). Otherwise I may lodge a complaint with a supervisory authority (Article 77) or go to court (Article 79).',
      agent: 'Under Article 12(3) GDPR you must act on this request without undue delay and at the latest within one month (by {gdprDue}). Otherwise the person concerned may lodge a complaint with a supervisory authority (Article 77) or go to court (Article 79).',
    },
    dmca_notice: { self: 'This is a notice of copyright infringement under 17 U.S.C. §512(c)(3) (DMCA).' },
    dmca_work: {
      self: 'The copyrighted work: {copyrightWork}{originalUrlLine}. The material at the address above infringes it; please remove it or disable access to it.',
    },
    dmca_good_faith: {
      self: 'I have a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.',
    },
    dmca_perjury: {
      self: 'The information in this notice is accurate, and under penalty of perjury, I am the owner of an exclusive right that is allegedly infringed.',
      agent: 'The information in this notice is accurate, and under penalty of perjury, I am authorized to act on behalf of the owner of an exclusive right that is allegedly infringed.',
    },
    non_consent: {
      self: 'I did not consent to the publication of this content.',
      agent: 'The person concerned did not consent to the publication of this content.',
    },
    bona_fide: { self: 'I confirm in good faith that the information and allegations in this notice are accurate and complete.' },
    closing: { self: 'Please remove the content or disable access to it, confirm that you have received this notice, and tell me what you have decided.' },
    contact: { self: 'My contact details:\n{contactDetails}' },
    signature: { self: '/s/ {senderName}\n{date}', agent: '/s/ {senderName}, on behalf of {onBehalfOf}\n{date}' },
  },
  exposed: {
    intimate_media: { self: 'intimate images of me', agent: 'intimate images of them' },
    home_address: { self: 'my home address', agent: 'their home address' },
    phone: { self: 'my phone number', agent: 'their phone number' },
    email: { self: 'my email address', agent: 'their email address' },
    identity_document: { self: 'my identity document', agent: 'their identity document' },
    financial: { self: 'my financial details', agent: 'their financial details' },
    live_location: { self: 'my current location', agent: 'their current location' },
    impersonation: { self: 'a profile that pretends to be me, under my name', agent: 'a profile that pretends to be them, under their name' },
    name: { self: 'my name', agent: 'their name' },
    photo: { self: 'photos of me', agent: 'photos of them' },
  },
  exposedFallback: { self: 'personal information about me', agent: 'personal information about them' },
  illegality: {
    be_417_9: 'it is an offence under article 417/9 of the Belgian Criminal Code (distribution of sexual content without consent)',
    nl_139h: 'it is an offence under article 139h of the Dutch Criminal Code (publication of an image of a sexual nature that may harm the person shown)',
    de_201a: 'it is an offence under §201a of the German Criminal Code (violation of the most personal sphere of life by images)',
    uk_soa_66b: 'it is an offence under section 66B of the UK Sexual Offences Act 2003',
    gdpr: 'it publishes personal data without any legal basis under Article 6 of the General Data Protection Regulation',
    gdpr_special:
      "it publishes data concerning a person's sex life, special-category data under Article 9 of the General Data Protection Regulation, without any condition of Article 9(2) being met",
  },
  policyTopic: {
    intimate: 'intimate images shared without consent',
    private: 'sharing private information',
    both: 'sharing private information and intimate images without consent',
  },
  contactLabels: { name: 'Name:', email: 'Email:', postalAddress: 'Postal address:', phone: 'Telephone:' },
  defaultCopyrightWork: {
    self: 'photographs and/or videos of myself that I made and whose copyright I own',
    agent: 'photographs and/or videos made by the person concerned, who owns their copyright',
  },
  originalUrlLine: ' (original: {originalUrl})',
};
