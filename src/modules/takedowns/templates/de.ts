import type { LanguagePack } from './types.ts';

export const de: LanguagePack = {
  language: 'de',
  greeting: 'Sehr geehrte Damen und Herren,',
  signOff: 'Mit freundlichen Grüßen',
  colon: ': ',
  semicolon: '; ',
  and: 'und',
  intro: {
    site: { self: 'Ich bitte Sie, Inhalte zu entfernen, die auf {site} veröffentlicht wurden.' },
    hosting_provider: { self: 'Ich wende mich an Sie als Hosting-Anbieter der Website {site}, um Inhalte auf dieser Website zu melden, die entfernt werden müssen.' },
    registrar_cdn: { self: 'Ich wende mich an Sie als Registrar bzw. Netzwerk-/CDN-Anbieter für {domain}, um Inhalte auf der Website {site} zu melden.' },
    search_engine: { self: 'Ich bitte Sie, eine Seite aus Ihren Suchergebnissen zu entfernen (Auslistung).' },
    helpline_regulator: {
      self: 'Ich bitte Sie um Hilfe wegen Inhalten über mich, die ohne meine Einwilligung online veröffentlicht wurden.',
      agent: 'Ich bitte Sie um Hilfe für eine Person, deren private Inhalte ohne ihre Einwilligung online veröffentlicht wurden.',
    },
    police: {
      self: 'Ich erstatte Anzeige wegen der Veröffentlichung von Inhalten über mich im Internet ohne meine Einwilligung.',
      agent: 'Ich erstatte im Namen der betroffenen Person Anzeige wegen der Veröffentlichung von Inhalten über sie im Internet ohne ihre Einwilligung.',
    },
  },
  subjectPrefix: {
    site: 'Antrag auf Entfernung',
    hosting_provider: 'Missbrauchsmeldung (Antrag auf Entfernung)',
    registrar_cdn: 'Missbrauchsmeldung',
    search_engine: 'Antrag auf Auslistung',
    helpline_regulator: 'Bitte um Unterstützung',
    police: 'Strafanzeige',
  },
  basisShort: {
    platform_policy: 'Verstoß gegen Ihre Regeln',
    take_it_down: 'TAKE IT DOWN Act',
    uk_soa_66b: 'Sexual Offences Act 2003 s.66B',
    be_417_9: 'Art. 417/9 Strafgesetzbuch (BE)',
    nl_139h: 'Art. 139h Sr (NL)',
    de_201a: '§201a StGB',
    dsa_art16: 'Meldung nach Art. 16 DSA',
    gdpr_art17: 'Löschung nach Art. 17 DSGVO',
    dmca_512c3: 'DMCA-Mitteilung',
  },
  paragraphs: {
    concerned: {
      self: 'Ich bin die betroffene Person. Die Seite zeigt {exposed}.',
      agent: 'Ich handle im Namen von {onBehalfOf}, der betroffenen Person, die mich bevollmächtigt hat, diese Meldung zu senden. Die Seite zeigt {exposed}.',
    },
    previous_notice: { self: 'Ich habe diese Inhalte am {previousNoticeDate} der Website gemeldet. Sie sind weiterhin online.' },
    host_request: {
      self: 'Bitte sorgen Sie dafür, dass diese Inhalte entfernt oder gesperrt werden, und leiten Sie diese Meldung an Ihren Kunden weiter, der {site} betreibt.',
    },
    registrar_request: {
      self: 'Bitte leiten Sie diese Meldung an den Hosting-Anbieter und den Betreiber der Website weiter, ergreifen Sie die in Ihren Missbrauchsrichtlinien vorgesehenen Maßnahmen und teilen Sie mir mit, wer die Website hostet, damit ich mich dorthin wenden kann.',
    },
    search_request: {
      self: 'Bitte entfernen Sie die unten genannte Adresse aus Ihren Suchergebnissen, für alle Suchanfragen, auch für Suchen nach meinem Namen.',
      agent: 'Bitte entfernen Sie die unten genannte Adresse aus Ihren Suchergebnissen, für alle Suchanfragen, auch für Suchen nach dem Namen der betroffenen Person.',
    },
    helpline_request: {
      self: 'Können Sie mich beraten, wie ich die Inhalte entfernen lassen kann, und sie mit meiner Zustimmung der Plattform oder den zuständigen Behörden melden?',
      agent: 'Können Sie uns beraten, wie wir die Inhalte entfernen lassen können, und sie mit Zustimmung der betroffenen Person der Plattform oder den zuständigen Behörden melden?',
    },
    police_complaint: {
      self: 'Ich stelle Strafantrag und bitte Sie, die Anzeige aufzunehmen, Ermittlungen einzuleiten und die Entfernung der Inhalte zu veranlassen. Ich kann Beweise vorlegen: Bildschirmfotos mit Adresse, Datum und Uhrzeit.',
      agent: 'Die betroffene Person stellt Strafantrag; ich bitte Sie, die Anzeige aufzunehmen, Ermittlungen einzuleiten und die Entfernung der Inhalte zu veranlassen. Ich kann Beweise vorlegen: Bildschirmfotos mit Adresse, Datum und Uhrzeit.',
    },
    location: { self: 'Die Inhalte befinden sich unter dieser genauen Adresse:\n{url}' },
    platform_policy: { self: 'Diese Inhalte verstoßen gegen die Regeln von {platformName} zu {policyTopic}.' },
    tida_notice: {
      self: 'Dies ist ein Antrag auf Entfernung nach dem US-amerikanischen TAKE IT DOWN Act (47 U.S.C. §223a). Die Seite zeigt eine intime bildliche Darstellung von mir. Bitte entfernen Sie sie so schnell wie möglich, spätestens 48 Stunden nach Eingang dieses Antrags (bis {tidaDue}), und bemühen Sie sich in angemessener Weise, bekannte identische Kopien zu finden und zu entfernen.',
      agent: 'Dies ist ein Antrag auf Entfernung nach dem US-amerikanischen TAKE IT DOWN Act (47 U.S.C. §223a). Die Seite zeigt eine intime bildliche Darstellung der betroffenen Person. Bitte entfernen Sie sie so schnell wie möglich, spätestens 48 Stunden nach Eingang dieses Antrags (bis {tidaDue}), und bemühen Sie sich in angemessener Weise, bekannte identische Kopien zu finden und zu entfernen.',
    },
    tida_non_consent: {
      self: 'Ich erkläre in gutem Glauben, dass diese intime bildliche Darstellung ohne meine Einwilligung veröffentlicht wurde.',
      agent: 'Ich erkläre in gutem Glauben, dass diese intime bildliche Darstellung von {onBehalfOf} ohne deren Einwilligung veröffentlicht wurde.',
    },
    offence_uk: {
      self: 'Das Teilen dieses Bildes ohne meine Einwilligung ist eine Straftat nach Section 66B des britischen Sexual Offences Act 2003 (eingefügt durch Section 188 des Online Safety Act 2023); es handelt sich um vorrangige rechtswidrige Inhalte (priority illegal content) im Sinne des Online Safety Act.',
      agent: 'Das Teilen dieses Bildes ohne Einwilligung der abgebildeten Person ist eine Straftat nach Section 66B des britischen Sexual Offences Act 2003 (eingefügt durch Section 188 des Online Safety Act 2023); es handelt sich um vorrangige rechtswidrige Inhalte (priority illegal content) im Sinne des Online Safety Act.',
    },
    uk_request: { self: 'Bitte entfernen Sie die Inhalte umgehend und verhindern Sie, dass sie erneut hochgeladen werden.' },
    offence_be: {
      self: 'Diese Inhalte ohne meine Einwilligung zugänglich zu machen, ist eine Straftat nach Artikel 417/9 des belgischen Strafgesetzbuchs (und nach Artikel 417/10, wenn es in böswilliger Absicht oder zu Erwerbszwecken geschieht), auch wenn ich ihrer Herstellung zugestimmt habe.',
      agent: 'Diese Inhalte ohne Einwilligung der betroffenen Person zugänglich zu machen, ist eine Straftat nach Artikel 417/9 des belgischen Strafgesetzbuchs (und nach Artikel 417/10, wenn es in böswilliger Absicht oder zu Erwerbszwecken geschieht), auch wenn sie ihrer Herstellung zugestimmt hat.',
    },
    remedy_be: {
      self: 'Werden die Inhalte nicht entfernt, beabsichtige ich, beim Präsidenten des Gerichts erster Instanz eine Anordnung nach Artikel 584 des belgischen Gerichtsgesetzbuchs zu beantragen, die die Entfernung binnen sechs Stunden vorschreibt, und Anzeige bei der Polizei oder über das Institut für die Gleichheit von Frauen und Männern (IGVM/IEFH) zu erstatten.',
      agent: 'Werden die Inhalte nicht entfernt, beabsichtigt die betroffene Person, beim Präsidenten des Gerichts erster Instanz eine Anordnung nach Artikel 584 des belgischen Gerichtsgesetzbuchs zu beantragen, die die Entfernung binnen sechs Stunden vorschreibt, und Anzeige bei der Polizei oder über das Institut für die Gleichheit von Frauen und Männern (IGVM/IEFH) zu erstatten.',
    },
    offence_nl: {
      self: 'Ein Bild sexueller Natur von mir zu veröffentlichen, obwohl man weiß oder vernünftigerweise vermuten muss, dass die Veröffentlichung mir schaden kann, ist eine Straftat nach Artikel 139h Absatz 2 Buchstabe b des niederländischen Strafgesetzbuchs (Wetboek van Strafrecht).',
      agent: 'Ein Bild sexueller Natur der betroffenen Person zu veröffentlichen, obwohl man weiß oder vernünftigerweise vermuten muss, dass die Veröffentlichung ihr schaden kann, ist eine Straftat nach Artikel 139h Absatz 2 Buchstabe b des niederländischen Strafgesetzbuchs (Wetboek van Strafrecht).',
    },
    remedy_nl: {
      self: 'Werden die Inhalte nicht entfernt, beabsichtige ich, Anzeige bei der Polizei zu erstatten und ein Eilverfahren (kort geding) einzuleiten.',
      agent: 'Werden die Inhalte nicht entfernt, beabsichtigt die betroffene Person, Anzeige bei der Polizei zu erstatten und ein Eilverfahren (kort geding) einzuleiten.',
    },
    offence_de: {
      self: 'Dieses Bild Dritten unbefugt zugänglich zu machen, ist strafbar nach §201a Abs. 1 Nr. 4 und 5 sowie Abs. 2 StGB und verletzt mein Recht am eigenen Bild (§§22, 33 KUG).',
      agent: 'Dieses Bild Dritten unbefugt zugänglich zu machen, ist strafbar nach §201a Abs. 1 Nr. 4 und 5 sowie Abs. 2 StGB und verletzt das Recht der betroffenen Person am eigenen Bild (§§22, 33 KUG).',
    },
    unterlassung_de: { self: 'Bitte entfernen Sie die Inhalte und stellen Sie sicher, dass sie entfernt bleiben und nicht erneut veröffentlicht werden (Unterlassung).' },
    remedy_de: {
      self: 'Werden die Inhalte nicht entfernt, behalte ich mir vor, Strafantrag zu stellen und zivilrechtliche Ansprüche (§§823, 1004 BGB) geltend zu machen.',
      agent: 'Werden die Inhalte nicht entfernt, behält sich die betroffene Person vor, Strafantrag zu stellen und zivilrechtliche Ansprüche (§§823, 1004 BGB) geltend zu machen.',
    },
    dsa_notice: {
      self: 'Dies ist eine Meldung nach Artikel 16 des Gesetzes über digitale Dienste (DSA, Verordnung (EU) 2022/2065). Durch sie erlangen Sie tatsächliche Kenntnis von rechtswidrigen Inhalten im Sinne von Artikel 6 dieser Verordnung.',
    },
    dsa_explanation: { self: 'Warum die Inhalte rechtswidrig sind: {illegality}.' },
    gdpr_request: {
      self: 'Ich verlange nach Artikel 17 der Datenschutz-Grundverordnung (DSGVO) die Löschung meiner personenbezogenen Daten auf dieser Seite.',
      agent: 'Im Namen der betroffenen Person verlange ich nach Artikel 17 der Datenschutz-Grundverordnung (DSGVO) die Löschung ihrer personenbezogenen Daten auf dieser Seite.',
    },
    gdpr_grounds: {
      self: 'Die Gründe sind Artikel 17 Abs. 1 Buchst. b: Ich willige in diese Verarbeitung nicht ein und widerrufe jede etwaige Einwilligung; Buchst. c: Ich lege nach Artikel 21 Abs. 1 Widerspruch ein, und es liegen keine vorrangigen berechtigten Gründe vor; und Buchst. d: Die Daten werden unrechtmäßig verarbeitet, ohne Rechtsgrundlage nach Artikel 6, und soweit sie das Sexualleben einer Person offenbaren, ist keine der Bedingungen von Artikel 9 Abs. 2 erfüllt.',
      agent: 'Die Gründe sind Artikel 17 Abs. 1 Buchst. b: Die betroffene Person willigt in diese Verarbeitung nicht ein und widerruft jede etwaige Einwilligung; Buchst. c: Sie legt nach Artikel 21 Abs. 1 Widerspruch ein, und es liegen keine vorrangigen berechtigten Gründe vor; und Buchst. d: Die Daten werden unrechtmäßig verarbeitet, ohne Rechtsgrundlage nach Artikel 6, und soweit sie das Sexualleben einer Person offenbaren, ist keine der Bedingungen von Artikel 9 Abs. 2 erfüllt.',
    },
    gdpr_other_controllers: {
      self: 'Soweit Sie diese Daten öffentlich gemacht haben, informieren Sie bitte die anderen Verantwortlichen, die sie verarbeiten, über diesen Antrag, damit diese alle Links zu diesen Daten sowie Kopien oder Replikationen löschen (Artikel 17 Abs. 2), und teilen Sie ihn allen Empfängern mit, denen die Daten offengelegt wurden (Artikel 19).',
    },
    gdpr_exceptions: {
      self: 'Keine der Ausnahmen nach Artikel 17 Abs. 3 greift: Die Veröffentlichung dieser Daten dient weder der freien Meinungsäußerung und Information noch der Erfüllung einer rechtlichen Verpflichtung oder einer Aufgabe im öffentlichen Interesse, weder der öffentlichen Gesundheit noch Archiv-, Forschungs- oder Statistikzwecken, und sie ist nicht zur Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen erforderlich.',
    },
    gdpr_deadline: {
      self: 'Nach Artikel 12 Abs. 3 DSGVO müssen Sie diesen Antrag unverzüglich, spätestens aber innerhalb eines Monats (bis {gdprDue}) bearbeiten. Andernfalls kann ich mich bei einer Aufsichtsbehörde beschweren (Artikel 77) oder gerichtlich vorgehen (Artikel 79).',
      agent: 'Nach Artikel 12 Abs. 3 DSGVO müssen Sie diesen Antrag unverzüglich, spätestens aber innerhalb eines Monats (bis {gdprDue}) bearbeiten. Andernfalls kann sich die betroffene Person bei einer Aufsichtsbehörde beschweren (Artikel 77) oder gerichtlich vorgehen (Artikel 79).',
    },
    dmca_notice: { self: 'Dies ist eine Mitteilung über eine Urheberrechtsverletzung nach 17 U.S.C. §512(c)(3) (DMCA).' },
    dmca_work: {
      self: 'Das geschützte Werk: {copyrightWork}{originalUrlLine}. Das Material unter der oben genannten Adresse verletzt es; bitte entfernen oder sperren Sie es.',
    },
    dmca_good_faith: {
      self: 'Ich bin in gutem Glauben der Überzeugung, dass die beanstandete Nutzung des Materials weder vom Urheberrechtsinhaber noch von dessen Vertreter noch durch das Gesetz gestattet ist.',
    },
    dmca_perjury: {
      self: 'Die Angaben in dieser Mitteilung sind zutreffend, und ich versichere unter Strafandrohung wegen Meineids (under penalty of perjury), dass ich Inhaber eines ausschließlichen Rechts bin, das angeblich verletzt wird.',
      agent: 'Die Angaben in dieser Mitteilung sind zutreffend, und ich versichere unter Strafandrohung wegen Meineids (under penalty of perjury), dass ich befugt bin, im Namen des Inhabers eines ausschließlichen Rechts zu handeln, das angeblich verletzt wird.',
    },
    non_consent: {
      self: 'Ich habe in die Veröffentlichung dieser Inhalte nicht eingewilligt.',
      agent: 'Die betroffene Person hat in die Veröffentlichung dieser Inhalte nicht eingewilligt.',
    },
    bona_fide: { self: 'Ich bestätige in gutem Glauben, dass die Angaben und Behauptungen in dieser Meldung richtig und vollständig sind.' },
    closing: { self: 'Bitte entfernen oder sperren Sie die Inhalte, bestätigen Sie den Eingang dieser Meldung und teilen Sie mir Ihre Entscheidung mit.' },
    contact: { self: 'Meine Kontaktdaten:\n{contactDetails}' },
    signature: { self: '/s/ {senderName}\n{date}', agent: '/s/ {senderName}, im Namen von {onBehalfOf}\n{date}' },
  },
  exposed: {
    intimate_media: { self: 'intime Bilder von mir', agent: 'intime Bilder der betroffenen Person' },
    home_address: { self: 'meine Wohnadresse', agent: 'die Wohnadresse der betroffenen Person' },
    phone: { self: 'meine Telefonnummer', agent: 'die Telefonnummer der betroffenen Person' },
    email: { self: 'meine E-Mail-Adresse', agent: 'die E-Mail-Adresse der betroffenen Person' },
    identity_document: { self: 'mein Ausweisdokument', agent: 'das Ausweisdokument der betroffenen Person' },
    financial: { self: 'meine Finanzdaten', agent: 'die Finanzdaten der betroffenen Person' },
    live_location: { self: 'meinen aktuellen Aufenthaltsort', agent: 'den aktuellen Aufenthaltsort der betroffenen Person' },
    impersonation: { self: 'ein Profil, das sich unter meinem Namen als mich ausgibt', agent: 'ein Profil, das sich unter dem Namen der betroffenen Person als diese ausgibt' },
    name: { self: 'meinen Namen', agent: 'den Namen der betroffenen Person' },
    photo: { self: 'Fotos von mir', agent: 'Fotos der betroffenen Person' },
  },
  exposedFallback: { self: 'personenbezogene Daten über mich', agent: 'personenbezogene Daten der betroffenen Person' },
  illegality: {
    be_417_9: 'sie sind strafbar nach Artikel 417/9 des belgischen Strafgesetzbuchs (nicht einvernehmliche Verbreitung sexueller Inhalte)',
    nl_139h: 'sie sind strafbar nach Artikel 139h des niederländischen Strafgesetzbuchs (Veröffentlichung eines Bildes sexueller Natur, das der abgebildeten Person schaden kann)',
    de_201a: 'sie sind strafbar nach §201a StGB (Verletzung des höchstpersönlichen Lebensbereichs durch Bildaufnahmen)',
    uk_soa_66b: 'sie sind strafbar nach Section 66B des britischen Sexual Offences Act 2003',
    gdpr: 'sie veröffentlichen personenbezogene Daten ohne Rechtsgrundlage nach Artikel 6 der Datenschutz-Grundverordnung',
    gdpr_special:
      'sie veröffentlichen Daten zum Sexualleben einer Person, eine besondere Kategorie personenbezogener Daten nach Artikel 9 der Datenschutz-Grundverordnung, ohne dass eine Bedingung von Artikel 9 Abs. 2 erfüllt ist',
  },
  policyTopic: {
    intimate: 'ohne Einwilligung geteilten intimen Bildern',
    private: 'der Weitergabe privater Informationen',
    both: 'der Weitergabe privater Informationen und ohne Einwilligung geteilten intimen Bildern',
  },
  contactLabels: { name: 'Name:', email: 'E-Mail:', postalAddress: 'Postanschrift:', phone: 'Telefon:' },
  defaultCopyrightWork: {
    self: 'Fotos und/oder Videos von mir, die ich selbst erstellt habe und an denen ich das Urheberrecht besitze',
    agent: 'Fotos und/oder Videos, die die betroffene Person erstellt hat und an denen sie das Urheberrecht besitzt',
  },
  originalUrlLine: ' (Original: {originalUrl})',
};
