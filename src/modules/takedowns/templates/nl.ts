import type { LanguagePack } from './types.ts';

export const nl: LanguagePack = {
  language: 'nl',
  greeting: 'Geachte heer, mevrouw,',
  signOff: 'Met vriendelijke groet,',
  colon: ': ',
  semicolon: '; ',
  and: 'en',
  intro: {
    site: { self: 'Ik vraag u om inhoud te verwijderen die op {site} is gepubliceerd.' },
    hosting_provider: { self: 'Ik schrijf u als hostingprovider van de website {site}, om inhoud op die website te melden die verwijderd moet worden.' },
    registrar_cdn: { self: 'Ik schrijf u als registrar of netwerk-/CDN-aanbieder van {domain}, om inhoud op de website {site} te melden.' },
    search_engine: { self: 'Ik vraag u om een pagina uit uw zoekresultaten te verwijderen.' },
    helpline_regulator: {
      self: 'Ik vraag uw hulp bij inhoud over mij die zonder mijn toestemming online is gezet.',
      agent: 'Ik vraag uw hulp voor iemand van wie zonder toestemming privé-inhoud online is gezet.',
    },
    police: {
      self: 'Ik wil aangifte doen van de publicatie op internet van inhoud over mij zonder mijn toestemming.',
      agent: 'Ik wil namens de betrokkene aangifte doen van de publicatie op internet van inhoud over de betrokkene zonder diens toestemming.',
    },
  },
  subjectPrefix: {
    site: 'Verzoek tot verwijdering',
    hosting_provider: 'Misbruikmelding (verzoek tot verwijdering)',
    registrar_cdn: 'Misbruikmelding',
    search_engine: 'Verzoek tot verwijdering uit zoekresultaten',
    helpline_regulator: 'Verzoek om hulp',
    police: 'Aangifte',
  },
  basisShort: {
    platform_policy: 'schending van uw regels',
    take_it_down: 'TAKE IT DOWN Act',
    uk_soa_66b: 'Sexual Offences Act 2003 s.66B',
    be_417_9: 'art. 417/9 Strafwetboek (BE)',
    nl_139h: 'art. 139h Sr',
    de_201a: '§201a StGB (DE)',
    dsa_art16: 'melding art. 16 DSA',
    gdpr_art17: 'wissing art. 17 AVG',
    dmca_512c3: 'DMCA-melding',
  },
  paragraphs: {
    concerned: {
      self: 'Ik ben de betrokkene. De pagina toont {exposed}.',
      agent: 'Ik treed op namens {onBehalfOf}, de betrokkene, die mij heeft gemachtigd om deze melding te versturen. De pagina toont {exposed}.',
    },
    previous_notice: { self: 'Ik heb deze inhoud op {previousNoticeDate} bij de website gemeld. Ze staat nog steeds online.' },
    host_request: {
      self: 'Zorg er alstublieft voor dat deze inhoud wordt verwijderd of ontoegankelijk wordt gemaakt, en stuur deze melding door naar uw klant die {site} beheert.',
    },
    registrar_request: {
      self: 'Stuur deze melding alstublieft door naar de hostingprovider en de beheerder van de website, neem de maatregelen die uw misbruikbeleid voorziet, en laat mij weten wie de website host, zodat ik die kan contacteren.',
    },
    search_request: {
      self: 'Verwijder het onderstaande adres alstublieft uit uw zoekresultaten, voor alle zoekopdrachten, ook zoekopdrachten op mijn naam.',
      agent: 'Verwijder het onderstaande adres alstublieft uit uw zoekresultaten, voor alle zoekopdrachten, ook zoekopdrachten op de naam van de betrokkene.',
    },
    helpline_request: {
      self: 'Kunt u mij adviseren over hoe ik de inhoud kan laten verwijderen en, met mijn toestemming, de inhoud melden bij het platform of bij de bevoegde instanties?',
      agent: 'Kunt u ons adviseren over hoe we de inhoud kunnen laten verwijderen en, met toestemming van de betrokkene, de inhoud melden bij het platform of bij de bevoegde instanties?',
    },
    police_complaint: {
      self: 'Ik vraag u deze aangifte op te nemen, een onderzoek te starten en de verwijdering van de inhoud te bevelen. Ik kan bewijs leveren: schermafbeeldingen met het adres, de datum en het tijdstip.',
      agent: 'Ik vraag u deze aangifte namens de betrokkene op te nemen, een onderzoek te starten en de verwijdering van de inhoud te bevelen. Ik kan bewijs leveren: schermafbeeldingen met het adres, de datum en het tijdstip.',
    },
    location: { self: 'De inhoud staat op dit exacte adres:\n{url}' },
    platform_policy: { self: 'Deze inhoud schendt de regels van {platformName} over {policyTopic}.' },
    tida_notice: {
      self: 'Dit is een verwijderverzoek op grond van de Amerikaanse TAKE IT DOWN Act (47 U.S.C. §223a). De pagina toont een intieme afbeelding van mij. Verwijder die zo snel mogelijk en uiterlijk binnen 48 uur na ontvangst van dit verzoek (uiterlijk {tidaDue}), en doe redelijke inspanningen om bekende identieke kopieën op te sporen en te verwijderen.',
      agent: 'Dit is een verwijderverzoek op grond van de Amerikaanse TAKE IT DOWN Act (47 U.S.C. §223a). De pagina toont een intieme afbeelding van de betrokkene. Verwijder die zo snel mogelijk en uiterlijk binnen 48 uur na ontvangst van dit verzoek (uiterlijk {tidaDue}), en doe redelijke inspanningen om bekende identieke kopieën op te sporen en te verwijderen.',
    },
    tida_non_consent: {
      self: 'Ik verklaar te goeder trouw dat deze intieme afbeelding zonder mijn toestemming is gepubliceerd.',
      agent: 'Ik verklaar te goeder trouw dat deze intieme afbeelding van {onBehalfOf} zonder diens toestemming is gepubliceerd.',
    },
    offence_uk: {
      self: 'Het delen van deze afbeelding zonder mijn toestemming is een misdrijf volgens section 66B van de Britse Sexual Offences Act 2003 (ingevoegd door section 188 van de Online Safety Act 2023); het is prioritaire illegale inhoud volgens de Online Safety Act.',
      agent: 'Het delen van deze afbeelding zonder toestemming van de afgebeelde persoon is een misdrijf volgens section 66B van de Britse Sexual Offences Act 2003 (ingevoegd door section 188 van de Online Safety Act 2023); het is prioritaire illegale inhoud volgens de Online Safety Act.',
    },
    uk_request: { self: 'Verwijder de inhoud alstublieft snel en neem maatregelen om te voorkomen dat ze opnieuw wordt geüpload.' },
    offence_be: {
      self: 'Het zonder mijn toestemming toegankelijk maken van deze inhoud is strafbaar volgens artikel 417/9 van het Strafwetboek (en artikel 417/10 wanneer het met kwaad opzet of winstoogmerk gebeurt), ook als ik heb ingestemd met het maken ervan.',
      agent: 'Het zonder toestemming van de betrokkene toegankelijk maken van deze inhoud is strafbaar volgens artikel 417/9 van het Strafwetboek (en artikel 417/10 wanneer het met kwaad opzet of winstoogmerk gebeurt), ook als de betrokkene heeft ingestemd met het maken ervan.',
    },
    remedy_be: {
      self: 'Als de inhoud niet wordt verwijderd, ben ik van plan de voorzitter van de rechtbank van eerste aanleg te vragen om een bevel op grond van artikel 584 van het Gerechtelijk Wetboek, dat verwijdering binnen zes uur oplegt, en klacht in te dienen bij de politie of via het Instituut voor de gelijkheid van vrouwen en mannen (IGVM).',
      agent: 'Als de inhoud niet wordt verwijderd, is de betrokkene van plan de voorzitter van de rechtbank van eerste aanleg te vragen om een bevel op grond van artikel 584 van het Gerechtelijk Wetboek, dat verwijdering binnen zes uur oplegt, en klacht in te dienen bij de politie of via het Instituut voor de gelijkheid van vrouwen en mannen (IGVM).',
    },
    offence_nl: {
      self: 'Het openbaar maken van een afbeelding van seksuele aard van mij, terwijl men weet of redelijkerwijs moet vermoeden dat die openbaarmaking mij kan schaden, is strafbaar volgens artikel 139h, tweede lid, onder b, van het Wetboek van Strafrecht.',
      agent: 'Het openbaar maken van een afbeelding van seksuele aard van de betrokkene, terwijl men weet of redelijkerwijs moet vermoeden dat die openbaarmaking de betrokkene kan schaden, is strafbaar volgens artikel 139h, tweede lid, onder b, van het Wetboek van Strafrecht.',
    },
    remedy_nl: {
      self: 'Als de inhoud niet wordt verwijderd, ben ik van plan aangifte te doen bij de politie en een kort geding aan te spannen.',
      agent: 'Als de inhoud niet wordt verwijderd, is de betrokkene van plan aangifte te doen bij de politie en een kort geding aan te spannen.',
    },
    offence_de: {
      self: 'Het zonder toestemming voor derden toegankelijk maken van deze afbeelding is strafbaar volgens §201a, eerste lid, nrs. 4 en 5, en tweede lid, van het Duitse Wetboek van Strafrecht (StGB), en schendt mijn recht op mijn eigen beeld (§§22, 33 KUG).',
      agent: 'Het zonder toestemming voor derden toegankelijk maken van deze afbeelding is strafbaar volgens §201a, eerste lid, nrs. 4 en 5, en tweede lid, van het Duitse Wetboek van Strafrecht (StGB), en schendt het recht van de betrokkene op het eigen beeld (§§22, 33 KUG).',
    },
    unterlassung_de: { self: 'Verwijder de inhoud alstublieft en zorg ervoor dat die verwijderd blijft en niet opnieuw wordt gepubliceerd.' },
    remedy_de: {
      self: 'Als de inhoud niet wordt verwijderd, behoud ik mij het recht voor een strafklacht (Strafantrag) in te dienen en civielrechtelijke vorderingen in te stellen (§§823, 1004 BGB).',
      agent: 'Als de inhoud niet wordt verwijderd, behoudt de betrokkene zich het recht voor een strafklacht (Strafantrag) in te dienen en civielrechtelijke vorderingen in te stellen (§§823, 1004 BGB).',
    },
    dsa_notice: {
      self: 'Dit is een melding op grond van artikel 16 van de digitaledienstenverordening (DSA, Verordening (EU) 2022/2065). Door deze melding heeft u daadwerkelijke kennis van illegale inhoud in de zin van artikel 6 van die verordening.',
    },
    dsa_explanation: { self: 'Waarom de inhoud illegaal is: {illegality}.' },
    gdpr_request: {
      self: 'Ik vraag u mijn persoonsgegevens op deze pagina te wissen op grond van artikel 17 van de Algemene verordening gegevensbescherming (AVG).',
      agent: 'Namens de betrokkene vraag ik u diens persoonsgegevens op deze pagina te wissen op grond van artikel 17 van de Algemene verordening gegevensbescherming (AVG).',
    },
    gdpr_grounds: {
      self: 'De gronden zijn artikel 17, lid 1, onder b: ik geef geen toestemming voor deze verwerking en trek elke eventuele toestemming in; onder c: ik maak bezwaar op grond van artikel 21, lid 1, en er zijn geen prevalerende dwingende gerechtvaardigde gronden; en onder d: de gegevens worden onrechtmatig verwerkt, zonder grondslag in artikel 6, en voor zover ze iemands seksuele leven onthullen, is aan geen enkele voorwaarde van artikel 9, lid 2, voldaan.',
      agent: 'De gronden zijn artikel 17, lid 1, onder b: de betrokkene geeft geen toestemming voor deze verwerking en trekt elke eventuele toestemming in; onder c: de betrokkene maakt bezwaar op grond van artikel 21, lid 1, en er zijn geen prevalerende dwingende gerechtvaardigde gronden; en onder d: de gegevens worden onrechtmatig verwerkt, zonder grondslag in artikel 6, en voor zover ze iemands seksuele leven onthullen, is aan geen enkele voorwaarde van artikel 9, lid 2, voldaan.',
    },
    gdpr_other_controllers: {
      self: 'Voor zover u deze gegevens openbaar heeft gemaakt, vraag ik u de andere verwerkingsverantwoordelijken die ze verwerken van dit verzoek op de hoogte te brengen, zodat zij links naar en kopieën of reproducties van die gegevens wissen (artikel 17, lid 2), en elke ontvanger aan wie ze zijn verstrekt in kennis te stellen (artikel 19).',
    },
    gdpr_exceptions: {
      self: 'Geen van de uitzonderingen van artikel 17, lid 3, is van toepassing: de publicatie van deze gegevens dient geen belang van vrijheid van meningsuiting en informatie, vervult geen wettelijke verplichting of taak van algemeen belang, dient geen doel van volksgezondheid, archivering, onderzoek of statistiek, en is niet nodig voor een rechtsvordering.',
    },
    gdpr_deadline: {
      self: 'Volgens artikel 12, lid 3, AVG moet u zonder onnodige vertraging en uiterlijk binnen een maand (uiterlijk {gdprDue}) op dit verzoek reageren. Anders kan ik een klacht indienen bij een toezichthoudende autoriteit (artikel 77) of naar de rechter stappen (artikel 79).',
      agent: 'Volgens artikel 12, lid 3, AVG moet u zonder onnodige vertraging en uiterlijk binnen een maand (uiterlijk {gdprDue}) op dit verzoek reageren. Anders kan de betrokkene een klacht indienen bij een toezichthoudende autoriteit (artikel 77) of naar de rechter stappen (artikel 79).',
    },
    dmca_notice: { self: 'Dit is een melding van inbreuk op het auteursrecht op grond van 17 U.S.C. §512(c)(3) (DMCA).' },
    dmca_work: {
      self: 'Het beschermde werk: {copyrightWork}{originalUrlLine}. Het materiaal op het bovenstaande adres maakt daarop inbreuk; verwijder het alstublieft of maak het ontoegankelijk.',
    },
    dmca_good_faith: {
      self: 'Ik ben te goeder trouw van mening dat het gebruik van het materiaal op de bestreden wijze niet is toegestaan door de auteursrechthebbende, diens vertegenwoordiger of de wet.',
    },
    dmca_perjury: {
      self: 'De informatie in deze melding is juist, en ik verklaar op straffe van meineed (under penalty of perjury) dat ik de houder ben van een uitsluitend recht waarop inbreuk wordt gemaakt.',
      agent: 'De informatie in deze melding is juist, en ik verklaar op straffe van meineed (under penalty of perjury) dat ik gemachtigd ben op te treden namens de houder van een uitsluitend recht waarop inbreuk wordt gemaakt.',
    },
    non_consent: {
      self: 'Ik heb geen toestemming gegeven voor de publicatie van deze inhoud.',
      agent: 'De betrokkene heeft geen toestemming gegeven voor de publicatie van deze inhoud.',
    },
    bona_fide: { self: 'Ik bevestig te goeder trouw dat de informatie en beweringen in deze melding juist en volledig zijn.' },
    closing: { self: 'Verwijder de inhoud alstublieft of maak die ontoegankelijk, bevestig de ontvangst van deze melding en laat mij weten wat u hebt beslist.' },
    contact: { self: 'Mijn contactgegevens:\n{contactDetails}' },
    signature: { self: '/s/ {senderName}\n{date}', agent: '/s/ {senderName}, namens {onBehalfOf}\n{date}' },
  },
  exposed: {
    intimate_media: { self: 'intieme beelden van mij', agent: 'intieme beelden van de betrokkene' },
    home_address: { self: 'mijn huisadres', agent: 'het huisadres van de betrokkene' },
    phone: { self: 'mijn telefoonnummer', agent: 'het telefoonnummer van de betrokkene' },
    email: { self: 'mijn e-mailadres', agent: 'het e-mailadres van de betrokkene' },
    identity_document: { self: 'mijn identiteitsdocument', agent: 'het identiteitsdocument van de betrokkene' },
    financial: { self: 'mijn financiële gegevens', agent: 'de financiële gegevens van de betrokkene' },
    live_location: { self: 'mijn actuele locatie', agent: 'de actuele locatie van de betrokkene' },
    impersonation: { self: 'een profiel dat zich onder mijn naam voor mij uitgeeft', agent: 'een profiel dat zich onder de naam van de betrokkene voor hem of haar uitgeeft' },
    name: { self: 'mijn naam', agent: 'de naam van de betrokkene' },
    photo: { self: "foto's van mij", agent: "foto's van de betrokkene" },
  },
  exposedFallback: { self: 'persoonsgegevens over mij', agent: 'persoonsgegevens over de betrokkene' },
  illegality: {
    be_417_9: 'het is strafbaar volgens artikel 417/9 van het Belgische Strafwetboek (verspreiding van seksuele inhoud zonder toestemming)',
    nl_139h: 'het is strafbaar volgens artikel 139h van het Wetboek van Strafrecht (openbaarmaking van een afbeelding van seksuele aard die de afgebeelde persoon kan schaden)',
    de_201a: 'het is strafbaar volgens §201a van het Duitse Wetboek van Strafrecht (schending van de persoonlijke levenssfeer door beeldopnamen)',
    uk_soa_66b: 'het is strafbaar volgens section 66B van de Britse Sexual Offences Act 2003',
    gdpr: 'het publiceert persoonsgegevens zonder enige grondslag in artikel 6 van de Algemene verordening gegevensbescherming',
    gdpr_special:
      'het publiceert gegevens over iemands seksuele leven, een bijzondere categorie van persoonsgegevens volgens artikel 9 van de Algemene verordening gegevensbescherming, zonder dat aan een voorwaarde van artikel 9, lid 2, is voldaan',
  },
  policyTopic: {
    intimate: 'intieme beelden die zonder toestemming worden gedeeld',
    private: 'het delen van privégegevens',
    both: 'het delen van privégegevens en van intieme beelden zonder toestemming',
  },
  contactLabels: { name: 'Naam:', email: 'E-mail:', postalAddress: 'Postadres:', phone: 'Telefoon:' },
  defaultCopyrightWork: {
    self: "foto's en/of video's van mezelf die ik heb gemaakt en waarvan ik het auteursrecht bezit",
    agent: "foto's en/of video's gemaakt door de betrokkene, die het auteursrecht erop bezit",
  },
  originalUrlLine: ' (origineel: {originalUrl})',
};
